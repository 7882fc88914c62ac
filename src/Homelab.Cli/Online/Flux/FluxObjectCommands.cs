using System.CommandLine;

namespace Homelab.Cli.Online.Flux;

/// <summary>
/// Builds the kind subcommands shared by <c>reconcile</c>, <c>suspend</c> and <c>resume</c>:
/// <c>kustomization NAME</c>, <c>helmrelease NAME</c>, <c>source git NAME</c>, <c>source helm NAME</c>.
/// </summary>
internal static class FluxObjectCommands
{
    public delegate Task<int> KindAction(ParseResult parse, FluxKind kind, string name, CancellationToken cancellationToken);

    public static IEnumerable<Command> Create(string verb, KindAction action, bool includeSources = true)
    {
        yield return For(FluxKind.Kustomization, $"{verb} a Kustomization.", action, "ks");
        yield return For(FluxKind.HelmRelease, $"{verb} a HelmRelease.", action, "hr");
        if (includeSources)
        {
            var source = new Command("source", $"{verb} a source.")
            {
                For(FluxKind.GitRepository, $"{verb} a GitRepository.", action),
                For(FluxKind.HelmRepository, $"{verb} a HelmRepository.", action),
            };
            yield return source;
        }
    }

    private static Command For(FluxKind kind, string description, KindAction action, params string[] aliases)
    {
        var name = new Argument<string>("name") { Description = $"The {kind.Kind}'s name." };
        var command = new Command(kind.Command, description) { name };
        foreach (var alias in aliases)
        {
            command.Aliases.Add(alias);
        }

        command.SetAction((parse, cancellationToken) => action(parse, kind, parse.GetValue(name)!, cancellationToken));
        return command;
    }
}
