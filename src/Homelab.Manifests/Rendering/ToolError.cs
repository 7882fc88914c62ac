using Homelab.Manifests.Objects;
using Homelab.Manifests.Tools;

namespace Homelab.Manifests.Rendering;

/// <summary>Turns a failed kustomize/helm run into a user-facing error: the tool's own words, cleaned.</summary>
internal static class ToolError
{
    private const int MaxLength = 4000;

    /// <summary>
    /// The tool's stderr with its "Error:" prefix dropped, host paths made relative to the source root
    /// (and temporary folders hidden), the first line first; <paramref name="location"/> names what was rendered.
    /// </summary>
    public static ManifestException Create(string tool, ProcessResult outcome, string sourceRoot, SourceLocation location, IEnumerable<string> hiddenPaths)
    {
        var text = outcome.StandardError.Trim();
        if (text.Length == 0)
        {
            text = $"exited with code {outcome.ExitCode}";
        }

        foreach (var hidden in hiddenPaths)
        {
            text = text.Replace(hidden.TrimEnd('/') + "/", "", StringComparison.Ordinal).Replace(hidden, "<temp>", StringComparison.Ordinal);
        }

        text = text.Replace(sourceRoot.TrimEnd('/') + "/", "", StringComparison.Ordinal).Replace(sourceRoot, ".", StringComparison.Ordinal);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(StripPrefix)
            .Where(l => l.Length > 0)
            .ToList();
        var message = string.Join('\n', lines);
        if (message.Length > MaxLength)
        {
            message = message[..MaxLength] + " …";
        }

        return new ManifestException($"{tool} failed: {message}", location);
    }

    private static string StripPrefix(string line) =>
        line.StartsWith("Error: ", StringComparison.OrdinalIgnoreCase) ? line[7..].Trim() : line;
}

