using System.CommandLine;

namespace Homelab.Cli.Online.Flux;

/// <summary>The namespace options of the flux commands: <c>-n NS</c> (default flux-system) and, for listings, <c>-A</c>.</summary>
public sealed class FluxScope
{
    public const string DefaultNamespace = "flux-system";

    public Option<string> Namespace { get; } = new("--namespace", "-n")
    {
        Description = "The namespace of the objects.",
        DefaultValueFactory = _ => DefaultNamespace,
        Recursive = true,
    };

    public Option<bool> AllNamespaces { get; } = new("--all-namespaces", "-A")
    {
        Description = "List the objects across all namespaces.",
        Recursive = true,
    };

    /// <summary>The namespace to ask the API for: empty means all.</summary>
    public string ListNamespace(ParseResult parse) => parse.GetValue(AllNamespaces) ? "" : parse.GetValue(Namespace)!;

    /// <summary>flux's wording for where it looked: <c>"flux-system"</c> or <c>any</c>.</summary>
    public string Where(ParseResult parse) => parse.GetValue(AllNamespaces) ? "any" : $"\"{parse.GetValue(Namespace)}\"";
}
