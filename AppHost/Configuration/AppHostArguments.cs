namespace Homelab.AppHost.Configuration;

/// <summary>Parses the AppHost's command line; a mistake is reported with the usage and changes nothing.</summary>
internal static class AppHostArguments
{
    public const string Usage =
        "usage: dotnet run --project AppHost [-- [--state-dir DIR] [--kubeconfig FILE] [--repo PATH|URL]\n" +
        "           [--infrastructure-root PATH] [--applications-root PATH] [--map-repo URL=PATH]...]\n" +
        "  --state-dir DIR             where apphost.json and the dev cluster's kubeconfig go (default: .homelab in this checkout)\n" +
        "  --kubeconfig FILE           use this cluster instead of starting the dev cluster (default: $KUBECONFIG when set)\n" +
        "  --repo PATH|URL             the repository to reconcile (default: this checkout)\n" +
        "  --infrastructure-root PATH  objects applied as the Flux root (default: infrastructure)\n" +
        "  --applications-root PATH    objects applied as the app-of-apps root (default: applications)\n" +
        "  --map-repo URL=PATH         fetch URL from PATH instead (repeatable)";

    /// <exception cref="ArgumentException">An unknown option, a missing value or a malformed mapping.</exception>
    public static AppHostOptions Parse(IReadOnlyList<string> args, string repositoryRoot, string? kubeconfigFromEnvironment)
    {
        var stateDirectory = Path.Combine(repositoryRoot, ".homelab");
        var kubeconfig = string.IsNullOrWhiteSpace(kubeconfigFromEnvironment) ? null : kubeconfigFromEnvironment;
        var repository = repositoryRoot;
        var infrastructureRoot = "infrastructure";
        var applicationsRoot = "applications";
        var mappings = new List<RepositoryMapping>();
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{option} needs a value");
            i++;
            switch (option)
            {
                case "--state-dir":
                    stateDirectory = Path.GetFullPath(value);
                    break;
                case "--kubeconfig":
                    kubeconfig = Path.GetFullPath(value);
                    break;
                case "--repo":
                    repository = value.Contains("://", StringComparison.Ordinal) ? value : Path.GetFullPath(value);
                    break;
                case "--infrastructure-root":
                    infrastructureRoot = RelativePath(option, value);
                    break;
                case "--applications-root":
                    applicationsRoot = RelativePath(option, value);
                    break;
                case "--map-repo":
                    mappings.Add(Mapping(value));
                    break;
                default:
                    throw new ArgumentException($"unknown option {option}");
            }
        }

        return new AppHostOptions
        {
            StateDirectory = stateDirectory,
            Kubeconfig = kubeconfig,
            Repository = repository,
            InfrastructureRoot = infrastructureRoot,
            ApplicationsRoot = applicationsRoot,
            Mappings = mappings,
        };
    }

    private static RepositoryMapping Mapping(string value)
    {
        var split = value.IndexOf('=', StringComparison.Ordinal);
        if (split <= 0 || split == value.Length - 1)
        {
            throw new ArgumentException($"--map-repo needs URL=PATH, got '{value}'");
        }

        var to = value[(split + 1)..];
        return new RepositoryMapping(value[..split], to.Contains("://", StringComparison.Ordinal) ? to : Path.GetFullPath(to));
    }

    /// <summary>Roots are paths inside the repository, as Flux's <c>--path</c>: never absolute, never above it.</summary>
    private static string RelativePath(string option, string value)
    {
        var normalized = value.Replace('\\', '/').TrimEnd('/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        if (Path.IsPathRooted(value) || normalized.Split('/').Contains(".."))
        {
            throw new ArgumentException($"{option} must be a path inside the repository, got '{value}'");
        }

        return normalized.Length == 0 ? "." : normalized;
    }
}
