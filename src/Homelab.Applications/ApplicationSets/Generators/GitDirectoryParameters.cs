using Homelab.Api.Argo;

namespace Homelab.Applications.ApplicationSets.Generators;

/// <summary>
/// The Git directories generator over a checked-out tree: every directory (hidden ones skipped, as Argo's
/// repo server does) whose repository-relative path matches an include pattern and no exclude pattern
/// (exclude wins, whatever the order), one parameter set each, in path order.
/// </summary>
public static class GitDirectoryParameters
{
    public static IReadOnlyList<Dictionary<string, object?>> Generate(string root, IReadOnlyList<GitDirectoryPattern> patterns, string? pathParamPrefix, bool goTemplate)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(patterns);
        var includes = patterns.Where(p => !p.Exclude).Select(p => PathGlob.ForDirectories(p.Path)).ToList();
        var excludes = patterns.Where(p => p.Exclude).Select(p => PathGlob.ForDirectories(p.Path)).ToList();
        return [.. Directories(root)
            .Where(d => includes.Any(g => g.IsMatch(d)) && !excludes.Any(g => g.IsMatch(d)))
            .Order(StringComparer.Ordinal)
            .Select(d =>
            {
                var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
                PathParameters.Add(parameters, d, fileName: null, pathParamPrefix, goTemplate);
                return parameters;
            })];
    }

    private static IEnumerable<string> Directories(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            foreach (var directory in Directory.EnumerateDirectories(pending.Pop()))
            {
                var info = new DirectoryInfo(directory);
                // Symlinked directories are not followed: the snapshot keeps only in-tree links, but walking them could loop.
                if (info.Name.StartsWith('.') || info.LinkTarget is not null)
                {
                    continue;
                }

                yield return Path.GetRelativePath(root, directory).Replace('\\', '/');
                pending.Push(directory);
            }
        }
    }
}
