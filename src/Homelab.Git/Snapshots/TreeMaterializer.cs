using LibGit2Sharp;

namespace Homelab.Git.Snapshots;

/// <summary>
/// Writes one commit's tree from a bare repository into a directory: files read-only, ignored paths
/// (the given rules plus any <c>.sourceignore</c> files) skipped, submodules skipped, <c>.git</c> never written. A symlink is kept only when its target stays
/// inside the tree; one that is absolute or climbs out is refused, because a renderer following it
/// would read files outside the repository (e.g. <c>/etc</c> or another tenant's checkout).
/// </summary>
internal static class TreeMaterializer
{
    private const string SourceIgnoreFile = ".sourceignore";
    private const UnixFileMode ReadOnlyFile = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode ReadOnlyExecutable = ReadOnlyFile | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>Materialises the tree and returns the bytes written.</summary>
    public static long Write(Tree tree, string root, GitIgnoreMatcher ignore, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        var size = WriteTree(tree, "", root, ignore, cancellationToken);
        MakeReadOnlyDirectory(root);
        return size;
    }

    private static long WriteTree(Tree tree, string relativeDirectory, string directory, GitIgnoreMatcher ignore, CancellationToken cancellationToken)
    {
        // Flux honours .sourceignore files at any level, scoped to their directory.
        if (tree[SourceIgnoreFile] is { TargetType: TreeEntryTargetType.Blob } sourceIgnore)
        {
            ignore = ignore.Extend(((Blob)sourceIgnore.Target).GetContentText(), relativeDirectory);
        }

        long size = 0;
        foreach (var entry in tree)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.Name == ".git")
            {
                continue;
            }

            var relative = relativeDirectory.Length == 0 ? entry.Name : relativeDirectory + "/" + entry.Name;
            var isDirectory = entry.TargetType == TreeEntryTargetType.Tree;
            if (ignore.IsIgnored(relative, isDirectory))
            {
                continue;
            }

            var path = Path.Combine(directory, entry.Name);
            switch (entry.Mode)
            {
                case Mode.Directory:
                    Directory.CreateDirectory(path);
                    size += WriteTree((Tree)entry.Target, relative, path, ignore, cancellationToken);
                    MakeReadOnlyDirectory(path);
                    break;
                case Mode.SymbolicLink:
                    var blob = (Blob)entry.Target;
                    var target = blob.GetContentText();
                    EnsureInside(relativeDirectory, relative, target);
                    File.CreateSymbolicLink(path, target);
                    size += blob.Size;
                    break;
                case Mode.NonExecutableFile or Mode.NonExecutableGroupWritableFile or Mode.ExecutableFile:
                    size += WriteBlob((Blob)entry.Target, path, entry.Mode == Mode.ExecutableFile);
                    break;
                default:
                    // Submodules (GitLink) are not fetched, as in Flux without recurseSubmodules.
                    break;
            }
        }

        return size;
    }

    private static long WriteBlob(Blob blob, string path, bool executable)
    {
        using (var source = blob.GetContentStream())
        using (var destination = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            source.CopyTo(destination);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, executable ? ReadOnlyExecutable : ReadOnlyFile);
        }
        else
        {
            File.SetAttributes(path, FileAttributes.ReadOnly);
        }

        return blob.Size;
    }

    private static void MakeReadOnlyDirectory(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, ReadOnlyExecutable);
        }
    }

    private static void EnsureInside(string relativeDirectory, string linkPath, string target)
    {
        if (target.Length == 0 || target.StartsWith('/') || target.StartsWith('\\') || Path.IsPathRooted(target))
        {
            throw Escapes(linkPath, target);
        }

        var parts = new List<string>(relativeDirectory.Length == 0 ? [] : relativeDirectory.Split('/'));
        foreach (var part in target.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    throw Escapes(linkPath, target);
                }

                parts.RemoveAt(parts.Count - 1);
            }
            else if (part == ".git")
            {
                throw Escapes(linkPath, target);
            }
            else
            {
                parts.Add(part);
            }
        }
    }

    private static GitSourceException Escapes(string linkPath, string target) =>
        new(GitFailureReason.UnsafeContent, $"symlink '{linkPath}' points outside the repository ('{target}'); refusing to materialise the snapshot");
}
