using System.Reflection;

namespace Homelab.Manifests.Tools;

/// <summary>
/// Finds kubectl and helm: the configured path first, then PATH, then the pinned copy published beside
/// the application (container images), then the pinned copy the build fetched (eng/fetch-kube-tools.sh). A missing tool is a clear error naming every place looked at.
/// </summary>
public sealed class KubeToolLocator(KubeToolOptions options)
{
    private const string FetchedDirectoryKey = "Homelab.KubeToolsDirectory";

    public KubeToolLocator()
        : this(new KubeToolOptions())
    {
    }

    /// <summary>A locator that uses only the pinned, verified binaries.</summary>
    public static KubeToolLocator Pinned { get; } = new(new KubeToolOptions { SearchPath = false });

    /// <summary>The folder holding the pinned binaries, as stamped into this assembly at build time.</summary>
    public static string? FetchedDirectory { get; } = typeof(KubeToolLocator).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == FetchedDirectoryKey)?.Value;

    /// <summary>Where a publish puts the pinned binaries: <c>kube-tools/</c> beside the application.</summary>
    public static string BundledDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "kube-tools");

    public string Locate(KubeTool tool)
    {
        var name = FileName(tool);
        var configured = tool == KubeTool.Kubectl ? options.Kubectl : options.Helm;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new FileNotFoundException($"{name} configured at '{configured}' does not exist", configured);
        }

        if (options.SearchPath && FindOnPath(name) is { } onPath)
        {
            return onPath;
        }

        // A published service (container image) carries its own pinned copy next to the app (eng/ContainerImage.targets).
        if (File.Exists(Path.Combine(BundledDirectory, ".verified")) && File.Exists(Path.Combine(BundledDirectory, name)))
        {
            return Path.Combine(BundledDirectory, name);
        }

        if (FetchedDirectory is { } dir && File.Exists(Path.Combine(dir, ".verified")) && File.Exists(Path.Combine(dir, name)))
        {
            return Path.Combine(dir, name);
        }

        throw new FileNotFoundException(
            $"{name} not found: set {KubeToolOptions.SectionName}:{tool}, put {name} on PATH, or build the solution once to fetch the pinned copy"
            + (FetchedDirectory is null ? "" : $" into {FetchedDirectory}"));
    }

    private static string FileName(KubeTool tool) => tool == KubeTool.Kubectl ? "kubectl" : "helm";

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
