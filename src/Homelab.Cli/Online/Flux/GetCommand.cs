using System.CommandLine;
using Homelab.Api.Infrastructure.V1;
using Homelab.Cli.Online.Connection;
using Homelab.Cli.Online.Output;

namespace Homelab.Cli.Online.Flux;

/// <summary>
/// <c>homelab get all|sources|kustomizations|helmreleases [-n NS | -A] [-w] [-o json|yaml]</c>: the
/// statuses of the Flux objects, in <c>flux get</c>'s layout.
/// </summary>
internal static class GetCommand
{
    public static Command Create(OnlineContext context)
    {
        var scope = new FluxScope();
        var watch = new Option<bool>("--watch", "-w") { Description = "After listing, print each change as it happens.", Recursive = true };
        var format = OutputFormat.CreateOption(OutputFormat.Table, OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml);
        format.Recursive = true;

        var sources = new Command("sources", "Get source statuses (GitRepository, HelmRepository).")
        {
            Kinds(context, scope, watch, format, "all", "Get all source statuses.", [FluxKind.GitRepository, FluxKind.HelmRepository]),
            Kinds(context, scope, watch, format, "git", "Get GitRepository statuses.", [FluxKind.GitRepository]),
            Kinds(context, scope, watch, format, "helm", "Get HelmRepository statuses.", [FluxKind.HelmRepository]),
        };
        sources.Aliases.Add("source");
        SetAction(sources, context, scope, watch, format, [FluxKind.GitRepository, FluxKind.HelmRepository]);

        var command = new Command("get", "Get the Flux objects and their status (flux get).")
        {
            scope.Namespace, scope.AllNamespaces, watch, format,
            Kinds(context, scope, watch, format, "all", "Get all objects and their status.", FluxKind.All),
            sources,
            Kinds(context, scope, watch, format, "kustomizations", "Get Kustomization statuses.", [FluxKind.Kustomization], "ks", "kustomization"),
            Kinds(context, scope, watch, format, "helmreleases", "Get HelmRelease statuses.", [FluxKind.HelmRelease], "hr", "helmrelease"),
        };
        return command;
    }

    private static Command Kinds(
        OnlineContext context, FluxScope scope, Option<bool> watch, Option<string> format,
        string name, string description, IReadOnlyList<FluxKind> kinds, params string[] aliases)
    {
        var command = new Command(name, description);
        foreach (var alias in aliases)
        {
            command.Aliases.Add(alias);
        }

        SetAction(command, context, scope, watch, format, kinds);
        return command;
    }

    private static void SetAction(
        Command command, OnlineContext context, FluxScope scope, Option<bool> watch, Option<string> format, IReadOnlyList<FluxKind> kinds)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var connection = context.Connect(parse, ServiceKind.Infrastructure);
            var client = new InfrastructureService.InfrastructureServiceClient(connection.Invoker);
            var @namespace = scope.ListNamespace(parse);
            var allNamespaces = @namespace.Length == 0;
            var output = parse.GetValue(format)!;
            if (parse.GetValue(watch))
            {
                if (kinds.Count != 1)
                {
                    throw new CommandFailedException($"expected a single resource type, but found {command.Name}");
                }

                await WatchAsync(context, connection, client, kinds[0], @namespace, output, cancellationToken).ConfigureAwait(false);
                return 0;
            }

            var items = await ListAsync(connection, client, kinds, @namespace, cancellationToken).ConfigureAwait(false);
            if (OutputFormat.IsStructured(output))
            {
                var list = new FluxObjectList();
                list.Items.AddRange(items);
                await context.Output.WriteAsync(OutputFormat.Render(list, output)).ConfigureAwait(false);
                return 0;
            }

            if (kinds.Count == 1 && items.Count == 0)
            {
                await context.Error.WriteLineAsync($"✗ no {kinds[0].Kind} objects found in {scope.Where(parse)} namespace").ConfigureAwait(false);
                return 0;
            }

            await context.Output.WriteAsync(Render(items, kinds, allNamespaces)).ConfigureAwait(false);
            return 0;
        });
    }

    /// <summary>
    /// One table for a single kind; for several (<c>get all</c>, <c>get sources</c>) one table per kind
    /// that has objects, names prefixed with the kind and each table followed by a blank line.
    /// </summary>
    public static string Render(IReadOnlyList<FluxObject> items, IReadOnlyList<FluxKind> kinds, bool allNamespaces)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(kinds);
        var grouped = kinds.Count > 1;
        var text = new System.Text.StringBuilder();
        foreach (var kind in kinds)
        {
            var rows = items.Where(i => i.Ref.Kind == kind.Kind).Select(i => FluxRows.Row(i, allNamespaces, grouped)).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            text.Append(FluxTable.Render(FluxRows.Headers(allNamespaces), rows));
            if (grouped)
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }

    private static async Task<List<FluxObject>> ListAsync(
        ServiceConnection connection, InfrastructureService.InfrastructureServiceClient client,
        IReadOnlyList<FluxKind> kinds, string @namespace, CancellationToken cancellationToken)
    {
        var request = new ListRequest { Namespace = @namespace };
        var where = @namespace.Length == 0 ? "all namespaces" : $"namespace {@namespace}";
        var items = new List<FluxObject>();
        if (kinds.Any(k => k.IsSource))
        {
            items.AddRange((await connection.CallAsync($"sources in {where}", o => client.ListSourcesAsync(request, o), cancellationToken).ConfigureAwait(false)).Items);
        }

        if (kinds.Contains(FluxKind.HelmRelease))
        {
            items.AddRange((await connection.CallAsync($"helmreleases in {where}", o => client.ListHelmReleasesAsync(request, o), cancellationToken).ConfigureAwait(false)).Items);
        }

        if (kinds.Contains(FluxKind.Kustomization))
        {
            items.AddRange((await connection.CallAsync($"kustomizations in {where}", o => client.ListKustomizationsAsync(request, o), cancellationToken).ConfigureAwait(false)).Items);
        }

        return [.. items
            .Where(i => kinds.Any(k => k.Kind == i.Ref.Kind))
            .OrderBy(i => i.Ref.Namespace, StringComparer.Ordinal)
            .ThenBy(i => i.Ref.Name, StringComparer.Ordinal)];
    }

    /// <summary>Like <c>flux get -w</c>: the header with the first row, then one row per change.</summary>
    private static async Task WatchAsync(
        OnlineContext context, ServiceConnection connection, InfrastructureService.InfrastructureServiceClient client,
        FluxKind kind, string @namespace, string output, CancellationToken cancellationToken)
    {
        var request = new ListRequest { Namespace = @namespace, Kinds = { kind.Kind } };
        var first = true;
        await connection.StreamAsync($"{kind.Plural}", o => client.Watch(request, o), async change =>
        {
            if (OutputFormat.IsStructured(output))
            {
                await context.Output.WriteAsync(OutputFormat.Render(change, output)).ConfigureAwait(false);
            }
            else
            {
                var row = FluxRows.Row(change.Object, @namespace.Length == 0, includeKind: false);
                await context.Output.WriteAsync(FluxTable.Render(first ? FluxRows.Headers(@namespace.Length == 0) : null, [row])).ConfigureAwait(false);
            }

            await context.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            first = false;
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }
}
