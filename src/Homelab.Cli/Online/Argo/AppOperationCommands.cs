using System.CommandLine;
using Homelab.Api.Applications.V1;
using Homelab.Cli.Online.Connection;

namespace Homelab.Cli.Online.Argo;

/// <summary>
/// The commands that start an operation and wait for it: <c>app sync</c> and <c>app rollback</c>; and
/// <c>app wait</c>. Each ends like argocd: the summary, the operation and the resource table; exit 1
/// when the operation did not succeed or the wait timed out.
/// </summary>
internal static class AppOperationCommands
{
    public static Command CreateSync(OnlineContext context, AppOptions options, TimeProvider time)
    {
        var name = AppOptions.NameArgument();
        var prune = new Option<bool>("--prune") { Description = "Delete resources that are no longer in Git." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate the sync without changing anything." };
        var revision = new Option<string?>("--revision") { Description = "Sync to this revision instead of the target revision." };
        var resources = new Option<string[]>("--resource") { Description = "Sync only GROUP:KIND:NAME (repeatable; GROUP may be empty)." };
        var async = new Option<bool>("--async") { Description = "Do not wait for the operation to finish." };
        var timeout = AppOptions.TimeoutSeconds();
        var command = new Command("sync", "Sync an application to its target state.") { name, prune, dryRun, revision, resources, async, timeout };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var reference = AppName.Parse(parse.GetValue(name)!, parse.GetValue(options.AppNamespace));
            var request = new SyncRequest
            {
                Ref = reference,
                Prune = parse.GetValue(prune),
                DryRun = parse.GetValue(dryRun),
                Revision = parse.GetValue(revision) ?? "",
            };
            request.Resources.AddRange((parse.GetValue(resources) ?? []).Select(ResourceSelector.Parse));
            using var connection = context.Connect(parse, ServiceKind.Applications);
            var client = new ApplicationService.ApplicationServiceClient(connection.Invoker);
            var started = await connection.CallAsync(AppName.Subject(reference), o => client.SyncAsync(request, o), cancellationToken).ConfigureAwait(false);
            return await FinishAsync(context, connection, time, started, parse.GetValue(async), parse.GetValue(timeout), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    public static Command CreateRollback(OnlineContext context, AppOptions options, TimeProvider time)
    {
        var name = AppOptions.NameArgument();
        var id = new Argument<long>("id") { Description = "The history ID to roll back to (see app history)." };
        var prune = new Option<bool>("--prune") { Description = "Delete resources that are not in the rolled-back revision." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate the rollback without changing anything." };
        var timeout = AppOptions.TimeoutSeconds();
        var command = new Command("rollback", "Roll an application back to a history ID (refused while automated sync is on).") { name, id, prune, dryRun, timeout };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var reference = AppName.Parse(parse.GetValue(name)!, parse.GetValue(options.AppNamespace));
            var request = new RollbackRequest { Ref = reference, Id = parse.GetValue(id), Prune = parse.GetValue(prune), DryRun = parse.GetValue(dryRun) };
            using var connection = context.Connect(parse, ServiceKind.Applications);
            var client = new ApplicationService.ApplicationServiceClient(connection.Invoker);
            var started = await connection.CallAsync(AppName.Subject(reference), o => client.RollbackAsync(request, o), cancellationToken).ConfigureAwait(false);
            return await FinishAsync(context, connection, time, started, async: false, parse.GetValue(timeout), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    public static Command CreateWait(OnlineContext context, AppOptions options, TimeProvider time)
    {
        var name = AppOptions.NameArgument();
        var sync = new Option<bool>("--sync") { Description = "Wait for Synced." };
        var health = new Option<bool>("--health") { Description = "Wait for Healthy." };
        var operation = new Option<bool>("--operation") { Description = "Wait until no operation is running." };
        var suspended = new Option<bool>("--suspended") { Description = "Wait for Suspended." };
        var degraded = new Option<bool>("--degraded") { Description = "Wait for Degraded." };
        var timeout = AppOptions.TimeoutSeconds();
        var command = new Command("wait", "Wait for an application to reach a state (default: synced, healthy, no operation).")
        {
            name, sync, health, operation, suspended, degraded, timeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var reference = AppName.Parse(parse.GetValue(name)!, parse.GetValue(options.AppNamespace));
            var conditions = new WaitRequest
            {
                Sync = parse.GetValue(sync),
                Health = parse.GetValue(health),
                Operation = parse.GetValue(operation),
                Suspended = parse.GetValue(suspended),
                Degraded = parse.GetValue(degraded),
            };
            if (!conditions.Sync && !conditions.Health && !conditions.Operation && !conditions.Suspended && !conditions.Degraded)
            {
                // argocd's default: all of synced, healthy and no running operation.
                conditions.Sync = conditions.Health = conditions.Operation = true;
            }

            using var connection = context.Connect(parse, ServiceKind.Applications);
            var app = await new OperationWaiter(connection, time).WaitAsync(reference, conditions, parse.GetValue(timeout), cancellationToken).ConfigureAwait(false);
            await PrintFinalAsync(context, app, conditions.Operation, time).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task<int> FinishAsync(
        OnlineContext context, ServiceConnection connection, TimeProvider time, Application started, bool async, int timeoutSeconds, CancellationToken cancellationToken)
    {
        if (async)
        {
            await context.Output.WriteAsync(ArgoFormat.Summary(started)).ConfigureAwait(false);
            return 0;
        }

        var app = await new OperationWaiter(connection, time)
            .WaitForNewOperationAsync(started.Ref, started.OperationState, timeoutSeconds, cancellationToken).ConfigureAwait(false);
        await PrintFinalAsync(context, app, showOperation: true, time).ConfigureAwait(false);
        var phase = app.OperationState?.Phase ?? "";
        return phase == "Succeeded"
            ? 0
            : throw new CommandFailedException($"operation on {AppName.Qualified(app.Ref)} has completed with phase: {phase}" +
                (string.IsNullOrEmpty(app.OperationState?.Message) ? "" : $" ({app.OperationState!.Message})"));
    }

    /// <summary>argocd's final status: summary, operation, resources — each block after a blank line.</summary>
    private static async Task PrintFinalAsync(OnlineContext context, Application app, bool showOperation, TimeProvider time)
    {
        var text = "\n" + ArgoFormat.Summary(app) + "\n";
        if (showOperation && app.OperationState is not null)
        {
            text += ArgoFormat.Operation(app.OperationState, time);
        }

        if (app.Resources.Count > 0)
        {
            text += "\n" + ArgoFormat.ResourceTable(app);
        }

        await context.Output.WriteAsync(text).ConfigureAwait(false);
    }
}
