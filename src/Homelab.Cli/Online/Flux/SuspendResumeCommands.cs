using System.CommandLine;
using Homelab.Api.Infrastructure.V1;
using Homelab.Cli.Online.Connection;

namespace Homelab.Cli.Online.Flux;

/// <summary>
/// <c>homelab suspend|resume kustomization|helmrelease|source git|source helm NAME [-n NS]</c>. Resume
/// then reconciles and waits, as <c>flux resume</c> does (unless <c>--wait=false</c>).
/// </summary>
internal static class SuspendResumeCommands
{
    public static Command CreateSuspend(OnlineContext context)
    {
        var scope = new FluxScope();
        var command = new Command("suspend", "Suspend the reconciliation of a Flux object (flux suspend).") { scope.Namespace };
        foreach (var sub in FluxObjectCommands.Create("Suspend", async (parse, kind, name, cancellationToken) =>
        {
            using var connection = context.Connect(parse, ServiceKind.Infrastructure);
            var client = new InfrastructureService.InfrastructureServiceClient(connection.Invoker);
            var target = new ObjectRef { Kind = kind.Kind, Namespace = parse.GetValue(scope.Namespace)!, Name = name };
            await context.Output.WriteLineAsync($"► suspending {kind.Kind} {name} in {target.Namespace} namespace").ConfigureAwait(false);
            await connection.CallAsync(Reconciliation.Subject(target), o => client.SuspendAsync(target, o), cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"✔ {kind.Kind} suspended").ConfigureAwait(false);
            return 0;
        }))
        {
            command.Subcommands.Add(sub);
        }

        return command;
    }

    public static Command CreateResume(OnlineContext context)
    {
        var scope = new FluxScope();
        var wait = new Option<bool>("--wait") { Description = "Wait for the object to reconcile after resuming.", DefaultValueFactory = _ => true, Recursive = true };
        var timeout = TimeoutOption.Create("5m");
        timeout.Recursive = true;
        var command = new Command("resume", "Resume the reconciliation of a suspended Flux object (flux resume).") { scope.Namespace, wait, timeout };
        foreach (var sub in FluxObjectCommands.Create("Resume", async (parse, kind, name, cancellationToken) =>
        {
            using var connection = context.Connect(parse, ServiceKind.Infrastructure);
            var client = new InfrastructureService.InfrastructureServiceClient(connection.Invoker);
            var target = new ObjectRef { Kind = kind.Kind, Namespace = parse.GetValue(scope.Namespace)!, Name = name };
            await context.Output.WriteLineAsync($"► resuming {kind.Kind} {name} in {target.Namespace} namespace").ConfigureAwait(false);
            await connection.CallAsync(Reconciliation.Subject(target), o => client.ResumeAsync(target, o), cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"✔ {kind.Kind} resumed").ConfigureAwait(false);
            if (!parse.GetValue(wait))
            {
                return 0;
            }

            await context.Output.WriteLineAsync($"◎ waiting for {kind.Kind} reconciliation").ConfigureAwait(false);
            var result = await connection.CallAsync(
                Reconciliation.Subject(target),
                o => client.ReconcileAsync(new ReconcileRequest { Ref = target, Wait = true }, o),
                cancellationToken,
                parse.GetValue(timeout)).ConfigureAwait(false);
            await new Reconciliation(context.Output, connection, parse.GetValue(timeout)).ReportAsync(result).ConfigureAwait(false);
            return 0;
        }))
        {
            command.Subcommands.Add(sub);
        }

        return command;
    }
}
