using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Rendering;

/// <summary>
/// Lists the manifest files of a directory render in ordinal path order, applying Argo's
/// recurse/include/exclude or Flux's implied-kustomization rules, and confining every entry
/// (symbolic links included) to the source root.
/// </summary>
internal sealed class DirectoryWalker(SourceTree tree, RenderLimits limits)
{
    private static readonly string[] ArgoExtensions = [".yaml", ".yml", ".json"];

    // Flux's generated kustomization only lists YAML; JSON files such as renovate.json are not manifests there.
    private static readonly string[] FluxExtensions = [".yaml", ".yml"];

    public IReadOnlyList<ManifestSource> Walk(string directory, DirectoryOptions options, CancellationToken cancellationToken)
    {
        var include = options.Include is { Length: > 0 } i && !options.Flux ? new ArgoGlob(i) : null;
        var exclude = options.Exclude is { Length: > 0 } e && !options.Flux ? new ArgoGlob(e) : null;
        var found = new List<(string Relative, ManifestSource Source)>();
        Visit(directory, "", options, include, exclude, found, cancellationToken);
        return found.OrderBy(f => f.Relative, StringComparer.Ordinal).Select(f => f.Source).ToList();
    }

    private void Visit(
        string directory,
        string relativeDirectory,
        DirectoryOptions options,
        ArgoGlob? include,
        ArgoGlob? exclude,
        List<(string, ManifestSource)> found,
        CancellationToken cancellationToken)
    {
        var entries = System.IO.Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal).ToList();
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(entry);
            var relative = relativeDirectory.Length == 0 ? name : $"{relativeDirectory}/{name}";
            var isLink = new FileInfo(entry).LinkTarget is not null;
            var real = isLink ? tree.EnsureInside(entry, new SourceLocation(tree.Display(entry))) : entry;
            if (System.IO.Directory.Exists(real))
            {
                // Hidden folders (.git, .github) are never manifests. Linked folders are not followed, so a
                // link cycle cannot make a walk endless; the link was still checked above.
                if (name.StartsWith('.') || isLink || !(options.Recurse || options.Flux) || exclude?.IsMatch(relative) == true)
                {
                    continue;
                }

                if (options.Flux && KustomizationFile.Find(real) is not null)
                {
                    found.Add((relative, new ManifestSource(real, IsKustomization: true)));
                    continue;
                }

                Visit(real, relative, options, include, exclude, found, cancellationToken);
                continue;
            }

            var extensions = options.Flux ? FluxExtensions : ArgoExtensions;
            if (!extensions.Contains(Path.GetExtension(name), StringComparer.Ordinal)
                || exclude?.IsMatch(relative) == true
                || (include is not null && !include.IsMatch(relative)))
            {
                continue;
            }

            found.Add((relative, new ManifestSource(real, IsKustomization: false)));
            if (found.Count > limits.MaxFiles)
            {
                throw new ManifestException($"more than {limits.MaxFiles} manifest files under this path", new SourceLocation(tree.Display(directory)));
            }
        }
    }
}
