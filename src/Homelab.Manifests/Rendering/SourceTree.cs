using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Rendering;

/// <summary>
/// The source root a render is confined to. Every path is checked twice: lexically (no <c>..</c>
/// escaping, no absolute paths) and after following every symbolic link on the way, so a link
/// inside the repository cannot point the renderer at the host's files.
/// </summary>
internal sealed class SourceTree
{
    private const int MaxLinkHops = 40;

    public SourceTree(string root)
    {
        if (!System.IO.Directory.Exists(root))
        {
            throw new ManifestException($"source root '{root}' does not exist");
        }

        Root = RealPath(Path.GetFullPath(root));
    }

    /// <summary>The root with every symbolic link resolved.</summary>
    public string Root { get; }

    /// <summary>
    /// Resolves <paramref name="relative"/> (relative to <paramref name="baseDirectory"/>, or the root)
    /// to a real absolute path inside the root. <paramref name="referencedFrom"/> names the file that
    /// mentions the path, for the error.
    /// </summary>
    public string Resolve(string relative, string? baseDirectory = null, SourceLocation? referencedFrom = null)
    {
        var display = relative;
        if (Path.IsPathRooted(relative))
        {
            throw new ManifestException($"'{display}' is an absolute path; paths must be relative to the source root", referencedFrom ?? new SourceLocation(display));
        }

        var lexical = Path.GetFullPath(Path.Combine(baseDirectory ?? Root, relative));
        if (!IsInside(lexical))
        {
            throw new ManifestException($"'{display}' points outside the source root", referencedFrom ?? new SourceLocation(display));
        }

        return EnsureInside(lexical, referencedFrom ?? new SourceLocation(Display(lexical)));
    }

    /// <summary>Follows links in an absolute path and fails when the result leaves the root.</summary>
    public string EnsureInside(string absolutePath, SourceLocation location)
    {
        var real = RealPath(absolutePath);
        return IsInside(real)
            ? real
            : throw new ManifestException($"'{Display(absolutePath)}' is a symbolic link that resolves outside the source root", location);
    }

    /// <summary>
    /// Fails when any symbolic link under <paramref name="directory"/> resolves outside the root. Used
    /// before handing a folder to a tool (helm reads every file of a chart; kustomize may read files we
    /// did not list), since the tools themselves follow links. Linked folders are checked, not entered.
    /// </summary>
    public void EnsureNoEscapingLinks(string directory, int maxEntries)
    {
        var pending = new Stack<string>([directory]);
        var seen = 0;
        while (pending.TryPop(out var current))
        {
            foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(current))
            {
                if (++seen > maxEntries)
                {
                    throw new ManifestException($"more than {maxEntries} files and folders", new SourceLocation(Display(directory)));
                }

                if (new FileInfo(entry).LinkTarget is not null)
                {
                    EnsureInside(entry, new SourceLocation(Display(entry)));
                }
                else if (System.IO.Directory.Exists(entry))
                {
                    pending.Push(entry);
                }
            }
        }
    }

    /// <summary>A path relative to the root with '/' separators, for messages and source locations.</summary>
    public string Display(string absolutePath)
    {
        var relative = Path.GetRelativePath(Root, absolutePath).Replace('\\', '/');
        return relative.StartsWith("..", StringComparison.Ordinal) ? absolutePath : relative;
    }

    private bool IsInside(string path) =>
        path == Root || path.StartsWith(Root.EndsWith('/') ? Root : Root + "/", StringComparison.Ordinal);

    /// <summary>Like POSIX realpath(3): resolves every link component; missing tails are kept as written.</summary>
    private static string RealPath(string absolutePath)
    {
        var pending = new Stack<string>(absolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var resolved = new List<string>();
        var hops = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var candidate = "/" + string.Join('/', resolved.Append(part));
            var target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                resolved.Add(part);
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new ManifestException("too many levels of symbolic links", new SourceLocation(candidate));
            }

            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }

            foreach (var segment in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(segment);
            }
        }

        return "/" + string.Join('/', resolved);
    }
}
