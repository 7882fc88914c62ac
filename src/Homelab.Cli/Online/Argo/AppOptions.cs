using System.CommandLine;

namespace Homelab.Cli.Online.Argo;

/// <summary>Arguments and options shared by the <c>app</c> subcommands.</summary>
internal sealed class AppOptions
{
    public Option<string?> AppNamespace { get; } = new("--app-namespace", "-N")
    {
        Description = "The namespace of the application (default: the service's application namespace).",
        Recursive = true,
    };

    public static Argument<string> NameArgument() => new("name") { Description = "The application: NAME or NAMESPACE/NAME." };

    /// <summary>argocd's <c>--timeout</c>: seconds, 0 for no limit.</summary>
    public static Option<int> TimeoutSeconds() => new("--timeout")
    {
        Description = "Time out after this many seconds (0: no limit).",
        DefaultValueFactory = _ => 0,
    };
}
