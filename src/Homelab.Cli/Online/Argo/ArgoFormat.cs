using System.Text;
using System.Text.RegularExpressions;
using Homelab.Api.Applications.V1;
using Homelab.Cli.Online.Output;

namespace Homelab.Cli.Online.Argo;

/// <summary>The argocd CLI's layouts: the app list table, the <c>app get</c> summary, the resource and operation blocks.</summary>
public static partial class ArgoFormat
{
    public static readonly IReadOnlyList<string> ListHeaders =
        ["NAME", "CLUSTER", "NAMESPACE", "PROJECT", "STATUS", "HEALTH", "SYNCPOLICY", "CONDITIONS", "REPO", "PATH", "TARGET"];

    public static readonly IReadOnlyList<string> ResourceHeaders =
        ["GROUP", "KIND", "NAMESPACE", "NAME", "STATUS", "HEALTH", "HOOK", "MESSAGE"];

    public static readonly IReadOnlyList<string> HistoryHeaders = ["ID", "DATE", "REVISION"];

    /// <summary><c>argocd app list</c> (its default <c>-o wide</c>): one row per application.</summary>
    public static string List(IEnumerable<Application> applications) =>
        TabTable.Render(ListHeaders, applications.Select(a =>
        {
            var source = a.Sources.FirstOrDefault() ?? new Source();
            return (IReadOnlyList<string>)
            [
                AppName.Qualified(a.Ref), Server(a), a.DestNamespace, a.Project, a.SyncStatus, a.HealthStatus,
                SyncPolicy(a), Conditions(a), source.RepoUrl, source.Path, source.TargetRevision,
            ];
        }));

    public static string Server(Application application) =>
        string.IsNullOrEmpty(application.DestServer) ? application.DestName : application.DestServer;

    /// <summary>The list's SYNCPOLICY: Manual, Auto or Auto-Prune.</summary>
    public static string SyncPolicy(Application application) =>
        !application.AutoSync ? "Manual" : application.AutoPrune ? "Auto-Prune" : "Auto";

    /// <summary>The list's CONDITIONS: <c>&lt;none&gt;</c>, or each type once with its count when repeated (<c>SyncError(2)</c>).</summary>
    public static string Conditions(Application application)
    {
        var counts = application.Conditions.GroupBy(c => c.Type, StringComparer.Ordinal)
            .Select(g => g.Count() > 1 ? $"{g.Key}({g.Count()})" : g.Key)
            .ToList();
        return counts.Count == 0 ? "<none>" : string.Join(',', counts);
    }

    /// <summary>The summary block of <c>argocd app get</c> (without URL and SyncWindow, which Homelab has not).</summary>
    public static string Summary(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var text = new StringBuilder();
        Line(text, "Name:", AppName.Qualified(application.Ref));
        Line(text, "Project:", application.Project);
        Line(text, "Server:", Server(application));
        Line(text, "Namespace:", application.DestNamespace);
        text.Append(application.Sources.Count > 1 ? "Sources:\n" : "Source:\n");
        foreach (var source in application.Sources)
        {
            Line(text, "- Repo:", source.RepoUrl);
            Line(text, "  Target:", source.TargetRevision);
            if (source.Path.Length > 0)
            {
                Line(text, "  Path:", source.Path);
            }

            if (source.Chart.Length > 0)
            {
                Line(text, "  Chart:", source.Chart);
            }

            if (source.Ref.Length > 0)
            {
                Line(text, "  Ref:", source.Ref);
            }
        }

        Line(text, "Sync Policy:", !application.AutoSync ? "Manual" : application.AutoPrune ? "Automated (Prune)" : "Automated");
        Line(text, "Sync Status:", SyncStatus(application));
        Line(text, "Health Status:", application.HealthMessage.Length > 0 ? $"{application.HealthStatus} ({application.HealthMessage})" : application.HealthStatus);
        if (application.WaitingFor.Length > 0)
        {
            Line(text, "Waiting For:", application.WaitingFor);
        }

        return text.ToString();
    }

    /// <summary>"Synced to HEAD (1a2b3c4)", "OutOfSync from main (…)": the short commit unless the target is itself a commit.</summary>
    public static string SyncStatus(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var target = application.Sources.FirstOrDefault()?.TargetRevision ?? "";
        var status = application.SyncStatus switch
        {
            "Synced" => $"Synced to {target}",
            "OutOfSync" => $"OutOfSync from {target}",
            var other => other,
        };
        if (!CommitSha().IsMatch(target) && application.SyncRevision.Length > 7)
        {
            status += $" ({application.SyncRevision[..7]})";
        }

        return status;
    }

    /// <summary>CONDITION MESSAGE LAST TRANSITION, framed by blank lines, when the application has conditions.</summary>
    public static string ConditionTable(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return application.Conditions.Count == 0
            ? ""
            : "\n" + TabTable.Render(["CONDITION", "MESSAGE", "LAST TRANSITION"],
                application.Conditions.Select(c => (IReadOnlyList<string>)[c.Type, c.Message, GoText.Time(c.LastTransitionTime)])) + "\n";
    }

    /// <summary>
    /// GROUP KIND NAMESPACE NAME STATUS HEALTH HOOK MESSAGE: the managed resources with the last
    /// operation's message for each, then the hooks the operation ran.
    /// </summary>
    public static string ResourceTable(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var results = application.OperationState?.Results ?? [];
        var messages = results.Where(r => r.HookType.Length == 0)
            .GroupBy(r => Key(r.Resource))
            .ToDictionary(g => g.Key, g => g.Last().Message, StringComparer.Ordinal);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var resource in application.Resources.Where(r => !r.Hook))
        {
            var r = resource.Resource;
            rows.Add([r.Group, r.Kind, r.Namespace, r.Name, resource.Status, resource.HealthStatus, "", messages.GetValueOrDefault(Key(r), "")]);
        }

        foreach (var hook in results.Where(r => r.HookType.Length > 0))
        {
            var r = hook.Resource;
            rows.Add([r.Group, r.Kind, r.Namespace, r.Name, hook.HookPhase, "", hook.HookType, hook.Message]);
        }

        return TabTable.Render(ResourceHeaders, rows);
    }

    /// <summary>The operation block: Operation, Sync Revision, Phase, Start, Finished, Duration, Message.</summary>
    public static string Operation(OperationState? operation, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (operation is null)
        {
            return "";
        }

        var text = new StringBuilder();
        Line(text, "Operation:", "Sync");
        Line(text, "Sync Revision:", operation.Revision);
        Line(text, "Phase:", operation.Phase);
        Line(text, "Start:", GoText.Time(operation.StartedAt));
        Line(text, "Finished:", GoText.Time(operation.FinishedAt));
        if (operation.StartedAt is not null)
        {
            var end = operation.FinishedAt?.ToDateTimeOffset() ?? time.GetUtcNow();
            Line(text, "Duration:", GoText.Duration(end - operation.StartedAt.ToDateTimeOffset()));
        }

        if (operation.Message.Length > 0)
        {
            Line(text, "Message:", operation.Message);
        }

        return text.ToString();
    }

    public static string History(HistoryResponse history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return TabTable.Render(HistoryHeaders, history.Items.Select(h => (IReadOnlyList<string>)
        [
            h.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            GoText.Time(h.DeployedAt),
            h.Revisions.Count > 0 ? string.Join(',', h.Revisions) : h.Revision,
        ]));
    }

    private static string Key(Homelab.Api.Common.V1.ResourceRef? r) =>
        r is null ? "" : $"{r.Group}/{r.Kind}/{r.Namespace}/{r.Name}";

    /// <summary>argocd's <c>%-20s%s</c> label lines.</summary>
    private static void Line(StringBuilder text, string label, string value) =>
        text.Append(label.PadRight(20)).Append(value).Append('\n');

    [GeneratedRegex("^[0-9a-fA-F]{7,}$")]
    private static partial Regex CommitSha();
}
