using System.CommandLine;
using Homelab.Api.Infrastructure.V1;
using Homelab.Cli.Online.Connection;
using Homelab.Cli.Online.Output;

namespace Homelab.Cli.Online.Flux;

/// <summary><c>homelab tree kustomization NAME [-n NS] [-o json|yaml]</c>: what a Kustomization applied, nested (flux tree).</summary>
internal static class TreeCommand
{
    public static Command Create(OnlineContext context)
    {
        var scope = new FluxScope();
        var name = new Argument<string>("name") { Description = "The Kustomization's name." };
        var format = OutputFormat.CreateOption(OutputFormat.Table, OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml);
        var kustomization = new Command("kustomization", "Print the objects a Kustomization applied, nested through the Kustomizations and HelmReleases among them.")
        {
            name, format,
        };
        kustomization.Aliases.Add("ks");
        kustomization.SetAction(async (parse, cancellationToken) =>
        {
            using var connection = context.Connect(parse, ServiceKind.Infrastructure);
            var client = new InfrastructureService.InfrastructureServiceClient(connection.Invoker);
            var target = new ObjectRef { Kind = FluxKind.Kustomization.Kind, Namespace = parse.GetValue(scope.Namespace)!, Name = parse.GetValue(name)! };
            var tree = await connection.CallAsync(Reconciliation.Subject(target), o => client.TreeAsync(target, o), cancellationToken).ConfigureAwait(false);
            var output = parse.GetValue(format)!;
            await context.Output.WriteAsync(OutputFormat.IsStructured(output) ? OutputFormat.Render(tree, output) : TreeRenderer.Render(tree)).ConfigureAwait(false);
            return 0;
        });

        return new Command("tree", "Print the inventory of a Flux object as a tree (flux tree).") { scope.Namespace, kustomization };
    }
}
