using System.CommandLine;

namespace Homelab.Cli.Online.Argo;

/// <summary><c>homelab app …</c>: the Argo CD side, with argocd's layouts and exit codes.</summary>
internal static class AppCommand
{
    public static Command Create(OnlineContext context, TimeProvider time)
    {
        var options = new AppOptions();
        return new Command("app", "Manage Argo CD applications (argocd app).")
        {
            options.AppNamespace,
            AppListCommand.Create(context, options),
            AppGetCommand.Create(context, options, time),
            AppDiffCommand.Create(context, options),
            AppOperationCommands.CreateSync(context, options, time),
            AppOperationCommands.CreateRollback(context, options, time),
            AppHistoryCommand.Create(context, options),
            AppOperationCommands.CreateWait(context, options, time),
        };
    }
}
