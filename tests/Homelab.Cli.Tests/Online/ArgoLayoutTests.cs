using Google.Protobuf.WellKnownTypes;
using Homelab.Api.Applications.V1;
using Homelab.Api.Common.V1;
using Homelab.Cli.Online.Argo;
using Microsoft.Extensions.Time.Testing;

namespace Homelab.Cli.Tests.Online;

/// <summary>The argocd CLI's layouts: Go tabwriter tables (padding 2) and <c>%-20s</c> label lines.</summary>
public sealed class ArgoLayoutTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public void App_list_matches_argocd_wide_layout()
    {
        var text = ArgoFormat.List([Jellyfin(), Sonarr()]);

        Assert.Equal(Golden.Read("argo-app-list.txt"), text);
        Assert.StartsWith("NAME             CLUSTER                         NAMESPACE  PROJECT  STATUS     HEALTH       SYNCPOLICY  CONDITIONS", text, StringComparison.Ordinal);
    }

    [Fact]
    public void App_get_matches_argocd_layout()
    {
        var app = Jellyfin();
        app.Resources.Add(Resource("", "Service", "jellyfin"));
        app.Resources.Add(Resource("apps", "Deployment", "jellyfin"));
        app.OperationState = new OperationState { Phase = "Succeeded", Revision = Sha };
        app.OperationState.Results.Add(new ResourceResult { Resource = Ref("", "Service", "jellyfin"), Status = "Synced", Message = "service/jellyfin created" });
        app.OperationState.Results.Add(new ResourceResult { Resource = Ref("apps", "Deployment", "jellyfin"), Status = "Synced", Message = "deployment.apps/jellyfin created" });
        app.OperationState.Results.Add(new ResourceResult
        {
            Resource = Ref("batch", "Job", "jellyfin-migrate"), Status = "Synced", Message = "job completed", HookType = "PreSync", HookPhase = "Succeeded",
        });

        Assert.Equal(Golden.Read("argo-app-get.txt"), AppGetCommand.Details(app, showOperation: false, TimeProvider.System));
    }

    [Fact]
    public void App_history_matches_argocd_layout()
    {
        var history = new HistoryResponse();
        history.Items.Add(new HistoryEntry { Id = 0, Revision = Sha, DeployedAt = Time(2026, 11, 20, 10, 0, 0) });
        history.Items.Add(new HistoryEntry { Id = 1, Revision = "89abcdef0123456789abcdef0123456789abcdef", DeployedAt = Time(2026, 11, 21, 9, 30, 5) });

        Assert.Equal(Golden.Read("argo-app-history.txt"), ArgoFormat.History(history));
    }

    [Fact]
    public void Sync_status_names_the_short_commit_unless_the_target_is_a_commit()
    {
        var app = Jellyfin();
        Assert.Equal("Synced to HEAD (0123456)", ArgoFormat.SyncStatus(app));

        app.Sources[0].TargetRevision = Sha;
        app.SyncStatus = "OutOfSync";
        Assert.Equal($"OutOfSync from {Sha}", ArgoFormat.SyncStatus(app));
    }

    [Fact]
    public void Conditions_and_unhealthy_messages_are_shown()
    {
        var app = Sonarr();
        app.HealthStatus = "Degraded";
        app.HealthMessage = "Deployment has 0/1 ready replicas";
        app.Conditions.Clear();
        app.Conditions.Add(new AppCondition { Type = "SyncError", Message = "one or more objects failed to apply", LastTransitionTime = Time(2026, 11, 22, 8, 0, 0) });

        var text = AppGetCommand.Details(app, showOperation: false, TimeProvider.System);

        Assert.Contains("Health Status:      Degraded (Deployment has 0/1 ready replicas)\n", text, StringComparison.Ordinal);
        Assert.Contains("Sync Policy:        Manual\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "\nCONDITION  MESSAGE                              LAST TRANSITION\n" +
            "SyncError  one or more objects failed to apply  2026-11-22 08:00:00 +0000 UTC\n\n",
            text, StringComparison.Ordinal);
    }

    [Fact]
    public void Operation_block_uses_go_times_and_durations()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 1, 5, TimeSpan.Zero));
        var running = new OperationState { Phase = "Running", Revision = Sha, StartedAt = Time(2026, 11, 22, 8, 0, 0) };

        Assert.Equal(
            "Operation:          Sync\n" +
            $"Sync Revision:      {Sha}\n" +
            "Phase:              Running\n" +
            "Start:              2026-11-22 08:00:00 +0000 UTC\n" +
            "Finished:           \n" +
            "Duration:           1m5s\n",
            ArgoFormat.Operation(running, time));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(45, "45s")]
    [InlineData(65, "1m5s")]
    [InlineData(7200, "2h0m0s")]
    public void Durations_print_like_go(int seconds, string expected) =>
        Assert.Equal(expected, GoText.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("plex", "argocd", "argocd", "plex")]
    [InlineData("media/plex", null, "media", "plex")]
    [InlineData("plex", null, "", "plex")]
    public void Application_names_may_be_qualified(string text, string? appNamespace, string ns, string name)
    {
        var reference = AppName.Parse(text, appNamespace);

        Assert.Equal(ns, reference.Namespace);
        Assert.Equal(name, reference.Name);
    }

    [Theory]
    [InlineData("apps:Deployment:web", "apps", "Deployment", "", "web")]
    [InlineData(":Service:media/web", "", "Service", "media", "web")]
    public void Resource_selectors_parse_like_argocd(string text, string group, string kind, string ns, string name)
    {
        var resource = ResourceSelector.Parse(text);

        Assert.Equal((group, kind, ns, name), (resource.Group, resource.Kind, resource.Namespace, resource.Name));
    }

    [Theory]
    [InlineData("Deployment:web")]
    [InlineData("apps::web")]
    public void Bad_resource_selectors_are_refused(string text)
    {
        var error = Assert.Throws<CommandFailedException>(() => ResourceSelector.Parse(text));
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    private static Application Jellyfin()
    {
        var app = new Application
        {
            Ref = new ApplicationRef { Namespace = "argocd", Name = "jellyfin" },
            Project = "media",
            DestServer = "https://kubernetes.default.svc",
            DestNamespace = "media",
            SyncStatus = "Synced",
            SyncRevision = Sha,
            HealthStatus = "Healthy",
            AutoSync = true,
            AutoPrune = true,
        };
        app.Sources.Add(new Source { RepoUrl = "https://github.com/example/homelab.git", Path = "applications/stacks/media/jellyfin", TargetRevision = "HEAD" });
        return app;
    }

    private static Application Sonarr()
    {
        var app = new Application
        {
            Ref = new ApplicationRef { Namespace = "argocd", Name = "sonarr" },
            Project = "default",
            DestName = "in-cluster",
            DestNamespace = "arr",
            SyncStatus = "OutOfSync",
            HealthStatus = "Progressing",
        };
        app.Sources.Add(new Source { RepoUrl = "https://github.com/example/homelab.git", Path = "applications/stacks/arr/sonarr", TargetRevision = "main" });
        app.Conditions.Add(new AppCondition { Type = "SyncError", Message = "a" });
        app.Conditions.Add(new AppCondition { Type = "OrphanedResourceWarning", Message = "b" });
        app.Conditions.Add(new AppCondition { Type = "SyncError", Message = "c" });
        return app;
    }

    private static ResourceStatus Resource(string group, string kind, string name) =>
        new() { Resource = Ref(group, kind, name), Status = "Synced", HealthStatus = "Healthy" };

    private static ResourceRef Ref(string group, string kind, string name) =>
        new() { Group = group, Version = "v1", Kind = kind, Namespace = "media", Name = name };

    private static Timestamp Time(int year, int month, int day, int hour, int minute, int second) =>
        Timestamp.FromDateTimeOffset(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero));
}
