using System.Collections.Concurrent;
using System.Text.Json;
using Homelab.Api.Argo;
using Homelab.Git.Snapshots;
using Homelab.Manifests;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Rendering;

namespace Homelab.Applications.Comparison.Sources;

/// <summary>
/// Renders an Application's fetched sources from their snapshots. Results are cached per (commits,
/// source spec, release name, namespace) for each Application, so a refresh that finds no new commit
/// renders nothing. A render failure is a <see cref="ComparisonException"/> naming the file at fault.
/// </summary>
public sealed class DesiredStateRenderer(SnapshotStore snapshots, ManifestRenderer renderer)
{
    private const string RefFolder = ".homelab-value-refs";

    private readonly ConcurrentDictionary<string, (string Key, RenderedSources Result)> _cache = new(StringComparer.Ordinal);

    /// <summary>Drops an Application's cached render (a hard refresh, or the Application was deleted).</summary>
    public void Forget(string application) => _cache.TryRemove(application, out _);

    /// <param name="application">Names the cache entry (namespace/name).</param>
    /// <param name="appName">The default Helm release name.</param>
    public async Task<RenderedSources> RenderAsync(string application, string appName, string? destinationNamespace, IReadOnlyList<FetchedSource> sources, CancellationToken cancellationToken)
    {
        var key = CacheKey(appName, destinationNamespace, sources);
        if (_cache.TryGetValue(application, out var cached) && cached.Key == key)
        {
            return Clone(cached.Result);
        }

        var leases = new Dictionary<FetchedSource, SnapshotLease>();
        try
        {
            foreach (var source in sources)
            {
                leases[source] = await snapshots.AcquireAsync(source.CacheRepositoryPath, source.Revision, "", cancellationToken);
            }

            var refs = sources.Where(s => s.Source.Ref is { Length: > 0 }).ToDictionary(s => s.Source.Ref!, s => leases[s].Path, StringComparer.Ordinal);
            var objects = new List<KubeObject>();
            var types = new List<string>();
            var warnings = new List<string>();
            foreach (var source in sources)
            {
                // A source with only a ref (no path) contributes value files, not objects.
                if (source.Source.Ref is { Length: > 0 } && source.Source.Path is null)
                {
                    continue;
                }

                var (rendered, type) = await RenderOneAsync(source, leases[source].Path, refs, appName, destinationNamespace, warnings, cancellationToken);
                objects.AddRange(rendered);
                types.Add(type.ToString());
            }

            var result = new RenderedSources(objects, [.. sources.Select(s => s.Revision.Sha)], types, warnings);
            _cache[application] = (key, result);
            return Clone(result);
        }
        finally
        {
            foreach (var lease in leases.Values)
            {
                lease.Dispose();
            }
        }
    }

    private async Task<(IReadOnlyList<KubeObject> Objects, RenderType Type)> RenderOneAsync(
        FetchedSource fetched, string root, IReadOnlyDictionary<string, string> refs, string appName, string? destinationNamespace, List<string> warnings, CancellationToken cancellationToken)
    {
        var source = fetched.Source;
        var path = (source.Path ?? "").Trim('/');
        path = path is "." ? "" : path;
        WarnUnsupported(source, warnings);
        string? scratch = null;
        try
        {
            var helm = source.Helm;
            var valueFiles = helm?.ValueFiles ?? [];
            if (valueFiles.Any(f => f.StartsWith('$')))
            {
                // helm reads value files from inside the source root only, and a $ref file lives in another
                // repository's snapshot: render from a scratch copy that holds both.
                scratch = Path.Combine(Path.GetTempPath(), "homelab", "ref-renders", Guid.NewGuid().ToString("N"));
                CopyTree(root, scratch);
                root = scratch;
            }

            var files = new List<string>();
            foreach (var file in valueFiles)
            {
                var resolved = file.StartsWith('$') ? CopyRefFile(file, refs, root, path) : file;
                if (helm!.IgnoreMissingValueFiles && !File.Exists(Path.Combine(root, path, resolved)))
                {
                    continue;
                }

                files.Add(resolved);
            }

            var request = new RenderRequest
            {
                SourceRoot = root,
                Path = path,
                Directory = new DirectoryOptions { Recurse = source.Directory?.Recurse ?? false, Include = source.Directory?.Include, Exclude = source.Directory?.Exclude },
                Helm = new HelmOptions
                {
                    ReleaseName = helm?.ReleaseName ?? appName,
                    Namespace = helm?.Namespace ?? destinationNamespace,
                    ValueFiles = files,
                    Values = helm?.Values,
                    ValuesObject = helm?.ValuesObject,
                    Parameters = [.. (helm?.Parameters ?? []).Select(p => new HelmParameter(p.Name, p.Value, p.ForceString))],
                    IncludeCrds = !(helm?.SkipCrds ?? false),
                },
            };
            var result = await renderer.RenderAsync(request, cancellationToken);
            return (result.Objects, result.Type);
        }
        catch (ManifestException e)
        {
            var where = path.Length == 0 ? "the repository root" : $"path '{path}'";
            throw new ComparisonException($"failed to render {where} of {source.RepoUrl} at {fetched.Revision.ShortSha}: {e.Message}", e);
        }
        finally
        {
            if (scratch is not null)
            {
                TryDelete(scratch);
            }
        }
    }

    /// <summary>Copies <c>$ref/some/values.yaml</c> into the scratch root and returns its path relative to the chart folder.</summary>
    private static string CopyRefFile(string file, IReadOnlyDictionary<string, string> refs, string root, string chartPath)
    {
        var slash = file.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? file[1..] : file[1..slash];
        if (!refs.TryGetValue(name, out var refRoot))
        {
            throw new ComparisonException($"helm value file '{file}': no source has ref '{name}'");
        }

        var relative = slash < 0 ? "" : file[(slash + 1)..];
        var full = Path.GetFullPath(Path.Combine(refRoot, relative));
        if (!full.StartsWith(Path.GetFullPath(refRoot) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ComparisonException($"helm value file '{file}' points outside the '{name}' source");
        }

        if (!File.Exists(full))
        {
            throw new ComparisonException($"helm value file '{file}' not found (path '{relative}' of the '{name}' source)");
        }

        var copy = Path.Combine(root, RefFolder, name, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(full, copy);
        return Path.GetRelativePath(Path.Combine(root, chartPath), copy);
    }

    private static void WarnUnsupported(ApplicationSource source, List<string> warnings)
    {
        if (source.Kustomize is { } k && (k.NamePrefix is not null || k.NameSuffix is not null || k.CommonLabels.Count > 0 || k.CommonAnnotations.Count > 0
            || k.Images.Count > 0 || k.Replicas.Count > 0 || k.Patches.Count > 0 || k.Components.Count > 0 || k.Namespace is not null))
        {
            warnings.Add($"source {source.RepoUrl} path '{source.Path}': spec.source.kustomize overrides are not supported yet and were ignored; put them in kustomization.yaml");
        }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            File.Copy(file, target);
            if (!OperatingSystem.IsWindows())
            {
                // Snapshot files are read-only; the scratch copy must be deletable.
                File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Scratch space under the temp folder; a leftover is harmless.
        }
    }

    private static string CacheKey(string appName, string? destinationNamespace, IReadOnlyList<FetchedSource> sources) =>
        JsonSerializer.Serialize(new { appName, destinationNamespace, sources = sources.Select(s => new { sha = s.Revision.Sha, source = s.Source }) });

    private static RenderedSources Clone(RenderedSources result) =>
        result with { Objects = [.. result.Objects.Select(o => o.DeepClone())] };
}
