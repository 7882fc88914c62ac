using System.CommandLine;
using Homelab.Api.Applications.V1;
using Homelab.Cli.Online.Connection;
using Homelab.Cli.Online.Output;

namespace Homelab.Cli.Online.Argo;

/// <summary><c>homelab app get NAME [-o wide|json|yaml] [--refresh|--hard-refresh]</c>: argocd app get.</summary>
internal static class AppGetCommand
{
    public static Command Create(OnlineContext context, AppOptions options, TimeProvider time)
    {
        var name = AppOptions.NameArgument();
        var format = OutputFormat.CreateOption(OutputFormat.Wide, OutputFormat.Wide, OutputFormat.Json, OutputFormat.Yaml);
        var showOperation = new Option<bool>("--show-operation") { Description = "Show the last operation." };
        var refresh = new Option<bool>("--refresh") { Description = "Compare with Git again before showing." };
        var hardRefresh = new Option<bool>("--hard-refresh") { Description = "Re-read Git (dropping cached renders) before showing." };
        var command = new Command("get", "Show an application's details and resources.") { name, format, showOperation, refresh, hardRefresh };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var reference = AppName.Parse(parse.GetValue(name)!, parse.GetValue(options.AppNamespace));
            using var connection = context.Connect(parse, ServiceKind.Applications);
            var client = new ApplicationService.ApplicationServiceClient(connection.Invoker);
            var subject = AppName.Subject(reference);
            var app = parse.GetValue(refresh) || parse.GetValue(hardRefresh)
                ? await connection.CallAsync(subject, o => client.RefreshAsync(new RefreshRequest { Ref = reference, Hard = parse.GetValue(hardRefresh) }, o), cancellationToken).ConfigureAwait(false)
                : await connection.CallAsync(subject, o => client.GetAsync(new GetApplicationRequest { Ref = reference }, o), cancellationToken).ConfigureAwait(false);
            var output = parse.GetValue(format)!;
            await context.Output.WriteAsync(OutputFormat.IsStructured(output)
                ? OutputFormat.Render(app, output)
                : Details(app, parse.GetValue(showOperation), time)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>The summary, conditions, optionally the operation, and the resource table.</summary>
    public static string Details(Application app, bool showOperation, TimeProvider time)
    {
        var text = ArgoFormat.Summary(app) + ArgoFormat.ConditionTable(app);
        if (showOperation && app.OperationState is not null)
        {
            text += "\n" + ArgoFormat.Operation(app.OperationState, time);
        }

        if (app.Resources.Count > 0 || app.OperationState?.Results.Count > 0)
        {
            text += "\n" + ArgoFormat.ResourceTable(app);
        }

        return text;
    }
}
