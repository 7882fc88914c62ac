using System.CommandLine;
using Homelab.Api.Applications.V1;
using Homelab.Cli.Online.Connection;
using Homelab.Cli.Online.Output;

namespace Homelab.Cli.Online.Argo;

/// <summary><c>homelab app history NAME [-o wide|json|yaml]</c>: ID DATE REVISION, oldest first, as argocd prints it.</summary>
internal static class AppHistoryCommand
{
    public static Command Create(OnlineContext context, AppOptions options)
    {
        var name = AppOptions.NameArgument();
        var format = OutputFormat.CreateOption(OutputFormat.Wide, OutputFormat.Wide, OutputFormat.Json, OutputFormat.Yaml);
        var command = new Command("history", "Show an application's deployment history.") { name, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var reference = AppName.Parse(parse.GetValue(name)!, parse.GetValue(options.AppNamespace));
            using var connection = context.Connect(parse, ServiceKind.Applications);
            var client = new ApplicationService.ApplicationServiceClient(connection.Invoker);
            var history = await connection.CallAsync(AppName.Subject(reference), o => client.HistoryAsync(reference, o), cancellationToken).ConfigureAwait(false);
            var output = parse.GetValue(format)!;
            await context.Output.WriteAsync(OutputFormat.IsStructured(output) ? OutputFormat.Render(history, output) : ArgoFormat.History(history)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
