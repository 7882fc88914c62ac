using Homelab.Manifests.Objects;
using Homelab.Manifests.Tools;
using Homelab.Manifests.Yaml;

namespace Homelab.Manifests.Rendering;

/// <summary>
/// Turns a path in a source snapshot into Kubernetes objects: plain YAML natively, kustomizations
/// with the real kustomize, charts with the real helm. Everything read stays inside the source root,
/// every error names the file (and line) at fault, and the result order is deterministic.
/// </summary>
/// <remarks>
/// An empty result is not an error (a folder with no manifests, or only empty files, renders zero
/// objects), as in Flux and Argo CD, which leave "is empty allowed" to sync time (Argo's
/// <c>allowEmpty</c>). A missing path is an error, as Flux's "kustomization path not found".
/// </remarks>
public sealed class ManifestRenderer(KubeToolLocator tools, RenderLimits? limits = null)
{
    private readonly RenderLimits _limits = limits ?? RenderLimits.Default;

    public async Task<RenderResult> RenderAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tree = new SourceTree(request.SourceRoot);
        var requested = request.Path.Length == 0 ? "." : request.Path;
        var path = tree.Resolve(requested);
        var isFile = File.Exists(path);
        if (!isFile && !Directory.Exists(path))
        {
            throw new ManifestException("path not found", new SourceLocation(requested));
        }

        var type = Decide(request, path, isFile);
        IReadOnlyList<KubeObject> objects = type switch
        {
            RenderType.Kustomize when isFile => throw new ManifestException("kustomize renders a folder, not a file", new SourceLocation(requested)),
            RenderType.Helm when isFile => throw new ManifestException("helm renders a chart folder, not a file", new SourceLocation(requested)),
            RenderType.Kustomize => await new KustomizeRenderer(tools, tree, _limits).RenderAsync(path, request.Kustomize, cancellationToken).ConfigureAwait(false),
            RenderType.Helm => await new HelmRenderer(tools, tree, _limits).RenderAsync(path, request.Helm, cancellationToken).ConfigureAwait(false),
            _ when isFile => ReadFile(tree, path),
            _ => await RenderDirectoryAsync(tree, path, request, cancellationToken).ConfigureAwait(false),
        };
        EnsureUnique(objects);
        return new RenderResult(objects, type);
    }

    private static RenderType Decide(RenderRequest request, string path, bool isFile)
    {
        if (request.Type != RenderType.Auto)
        {
            // Flux never reads a folder with a kustomization file as plain YAML.
            return request.Type == RenderType.Directory && request.Directory.Flux && !isFile && KustomizationFile.Find(path) is not null
                ? RenderType.Kustomize
                : request.Type;
        }

        return isFile ? RenderType.Directory
            : KustomizationFile.Find(path) is not null ? RenderType.Kustomize
            : File.Exists(Path.Combine(path, "Chart.yaml")) ? RenderType.Helm
            : RenderType.Directory;
    }

    private async Task<IReadOnlyList<KubeObject>> RenderDirectoryAsync(SourceTree tree, string directory, RenderRequest request, CancellationToken cancellationToken)
    {
        var objects = new List<KubeObject>();
        foreach (var source in new DirectoryWalker(tree, _limits).Walk(directory, request.Directory, cancellationToken))
        {
            objects.AddRange(source.IsKustomization
                ? await new KustomizeRenderer(tools, tree, _limits).RenderAsync(source.AbsolutePath, request.Kustomize, cancellationToken).ConfigureAwait(false)
                : ReadFile(tree, source.AbsolutePath));
        }

        return objects;
    }

    private IReadOnlyList<KubeObject> ReadFile(SourceTree tree, string path)
    {
        var display = tree.Display(path);
        var length = new FileInfo(path).Length;
        if (length > _limits.Yaml.MaxFileBytes)
        {
            throw new ManifestException($"file is {length} bytes, over the {_limits.Yaml.MaxFileBytes}-byte limit", new SourceLocation(display));
        }

        return YamlReader.ReadObjects(File.ReadAllBytes(path), display, _limits.Yaml);
    }

    /// <summary>Two objects with one identity would fight over the same live object: name both places.</summary>
    private static void EnsureUnique(IReadOnlyList<KubeObject> objects)
    {
        var seen = new Dictionary<ObjectId, KubeObject>(objects.Count);
        foreach (var obj in objects)
        {
            if (!seen.TryAdd(obj.Id, obj))
            {
                var first = seen[obj.Id];
                throw new ManifestException(
                    $"{obj.Id} is defined twice: at {first.Source?.ToString() ?? "?"} and at {obj.Source?.ToString() ?? "?"}",
                    obj.Source);
            }
        }
    }
}
