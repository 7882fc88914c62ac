using System.CommandLine;
using Homelab.Api.Applications.V1;
using Homelab.Cli.Online.Connection;

namespace Homelab.Cli.Online.Argo;

/// <summary>
/// <c>homelab app diff NAME [--revision R]</c>: the differences between Git and the cluster, per
/// resource, as argocd prints them. Exit 0: no differences; 1: differences; 2: error.
/// </summary>
internal static class AppDiffCommand
{
    public const int Differences = 1;
    public const int Error = 2;

    public static Command Create(OnlineContext context, AppOptions options)
    {
        var name = AppOptions.NameArgument();
        var revision = new Option<string?>("--revision") { Description = "Compare against this revision instead of the target revision." };
        var command = new Command("diff", "Show the differences between Git and the cluster (exit 1 when there are any, 2 on error).") { name, revision };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var reference = AppName.Parse(parse.GetValue(name)!, parse.GetValue(options.AppNamespace));
                using var connection = context.Connect(parse, ServiceKind.Applications);
                var client = new ApplicationService.ApplicationServiceClient(connection.Invoker);
                var request = new DiffRequest { Ref = reference, Revision = parse.GetValue(revision) ?? "" };
                var diff = await connection.CallAsync(AppName.Subject(reference), o => client.DiffAsync(request, o), cancellationToken).ConfigureAwait(false);
                var changed = diff.Resources.Where(r => r.Modified || r.RequiresPruning).ToList();
                foreach (var resource in changed)
                {
                    var r = resource.Resource;
                    await context.Output.WriteAsync($"\n===== {r.Group}/{r.Kind} {r.Namespace}/{r.Name} ======\n").ConfigureAwait(false);
                    await context.Output.WriteAsync(resource.Diff.EndsWith('\n') || resource.Diff.Length == 0 ? resource.Diff : resource.Diff + "\n").ConfigureAwait(false);
                }

                return changed.Count > 0 ? Differences : 0;
            }
            catch (CommandFailedException e) when (e.ExitCode != Error)
            {
                // Like argocd app diff, a failure must not read as "there are differences".
                throw new CommandFailedException(e.Message, e) { ExitCode = Error };
            }
        });
        return command;
    }
}
