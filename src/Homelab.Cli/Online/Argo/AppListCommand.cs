using System.CommandLine;
using Homelab.Api.Applications.V1;
using Homelab.Cli.Online.Connection;
using Homelab.Cli.Online.Output;

namespace Homelab.Cli.Online.Argo;

/// <summary><c>homelab app list [-o wide|name|json|yaml] [-p PROJECT] [-l SELECTOR]</c>: argocd app list.</summary>
internal static class AppListCommand
{
    public static Command Create(OnlineContext context, AppOptions options)
    {
        var format = OutputFormat.CreateOption(OutputFormat.Wide, OutputFormat.Wide, "name", OutputFormat.Json, OutputFormat.Yaml);
        var project = new Option<string?>("--project", "-p") { Description = "Only applications of this project." };
        var selector = new Option<string?>("--selector", "-l") { Description = "Only applications matching this label selector." };
        var command = new Command("list", "List applications.") { format, project, selector };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var connection = context.Connect(parse, ServiceKind.Applications);
            var client = new ApplicationService.ApplicationServiceClient(connection.Invoker);
            var request = new ListApplicationsRequest
            {
                Namespace = parse.GetValue(options.AppNamespace) ?? "",
                Project = parse.GetValue(project) ?? "",
                Selector = parse.GetValue(selector) ?? "",
            };
            var list = await connection.CallAsync("applications", o => client.ListAsync(request, o), cancellationToken).ConfigureAwait(false);
            var items = list.Items.OrderBy(a => a.Ref.Namespace, StringComparer.Ordinal).ThenBy(a => a.Ref.Name, StringComparer.Ordinal).ToList();
            var output = parse.GetValue(format)!;
            var text = output switch
            {
                OutputFormat.Json or OutputFormat.Yaml => OutputFormat.Render(list, output),
                "name" => string.Concat(items.Select(a => AppName.Qualified(a.Ref) + "\n")),
                _ => ArgoFormat.List(items),
            };
            await context.Output.WriteAsync(text).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
