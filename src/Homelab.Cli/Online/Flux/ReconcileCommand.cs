using System.CommandLine;
using Homelab.Api.Infrastructure.V1;
using Homelab.Cli.Online.Connection;

namespace Homelab.Cli.Online.Flux;

/// <summary>
/// <c>homelab reconcile kustomization|helmrelease|source git|source helm NAME [--with-source] [-n NS]</c>:
/// ask the controller to reconcile now and wait for the outcome, printing flux's progress lines.
/// </summary>
internal static class ReconcileCommand
{
    public static Command Create(OnlineContext context)
    {
        var scope = new FluxScope();
        var withSource = new Option<bool>("--with-source") { Description = "Reconcile the source first (Kustomization, HelmRelease).", Recursive = true };
        var timeout = TimeoutOption.Create("5m");
        timeout.Recursive = true;

        var command = new Command("reconcile", "Reconcile a Flux object now and wait for the result (flux reconcile).")
        {
            scope.Namespace, withSource, timeout,
        };
        foreach (var sub in FluxObjectCommands.Create("Reconcile", async (parse, kind, name, cancellationToken) =>
        {
            using var connection = context.Connect(parse, ServiceKind.Infrastructure);
            var reconciliation = new Reconciliation(context.Output, connection, parse.GetValue(timeout));
            var target = new ObjectRef { Kind = kind.Kind, Namespace = parse.GetValue(scope.Namespace)!, Name = name };
            if (parse.GetValue(withSource) && !kind.IsSource)
            {
                var current = await reconciliation.GetAsync(target, cancellationToken).ConfigureAwait(false);
                if (current.Source is null || string.IsNullOrEmpty(current.Source.Name))
                {
                    throw new CommandFailedException($"{Reconciliation.Subject(target)} has no source to reconcile");
                }

                var source = current.Source.Clone();
                if (string.IsNullOrEmpty(source.Namespace))
                {
                    source.Namespace = target.Namespace;
                }

                await reconciliation.ReconcileAsync(source, cancellationToken).ConfigureAwait(false);
            }

            await reconciliation.ReconcileAsync(target, cancellationToken).ConfigureAwait(false);
            return 0;
        }))
        {
            command.Subcommands.Add(sub);
        }

        return command;
    }
}
