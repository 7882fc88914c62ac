using System.Text.Json.Nodes;

namespace Homelab.Cli.Tests.EndToEnd;

/// <summary>The Argo CD-side commands against the real applications service syncing a real git repository.</summary>
public sealed class ArgoEndToEndTests(ServicesFixture services) : IClassFixture<ServicesFixture>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task List_get_diff_sync_history_and_wait()
    {
        var (url, sha) = services.Git.Create("argo-apps", new Dictionary<string, string>
        {
            ["guestbook/settings.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: guestbook-settings\ndata:\n  mode: test\n",
        });
        await services.ApplyAsync($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: AppProject
            metadata: {name: default, namespace: argocd}
            spec:
              sourceRepos: ["*"]
              destinations: [{server: "*", namespace: "*"}]
              clusterResourceWhitelist: [{group: "*", kind: "*"}]
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: guestbook, namespace: argocd}
            spec:
              project: default
              source:
                repoURL: "{{url}}"
                path: guestbook
                targetRevision: HEAD
              destination:
                server: "https://kubernetes.default.svc"
                namespace: guestbook
              syncPolicy:
                syncOptions: [CreateNamespace=true]
            """, keepExisting: true);

        var listed = await Poll.UntilAsync(
            () => Run("app", "list"),
            r => r.Output.Contains("OutOfSync", StringComparison.Ordinal),
            "homelab app list to show guestbook OutOfSync", Settle);
        var lines = listed.Output.TrimEnd('\n').Split('\n');
        Assert.Matches("^NAME +CLUSTER +NAMESPACE +PROJECT +STATUS +HEALTH +SYNCPOLICY +CONDITIONS +REPO +PATH +TARGET$", lines[0]);
        Assert.Matches($"^argocd/guestbook +https://kubernetes.default.svc +guestbook +default +OutOfSync +\\S+ +Manual +\\S+ +{url} +guestbook +HEAD$", lines[1]);
        // Columns line up: every header starts where its values start.
        Assert.Equal(lines[0].IndexOf("CLUSTER", StringComparison.Ordinal), lines[1].IndexOf("https://", StringComparison.Ordinal));

        var diff = await Run("app", "diff", "guestbook");
        Assert.Equal(1, diff.ExitCode);
        Assert.Contains("===== /ConfigMap guestbook/guestbook-settings ======", diff.Output, StringComparison.Ordinal);

        var sync = await Run("app", "sync", "argocd/guestbook", "--timeout", "60");
        Assert.True(sync.ExitCode == 0, sync.Error + sync.Output);
        Assert.Contains("Phase:              Succeeded\n", sync.Output, StringComparison.Ordinal);
        Assert.Matches("\n +ConfigMap +guestbook +guestbook-settings +Synced ", sync.Output);

        var synced = await Poll.UntilAsync(
            () => Run("app", "diff", "guestbook"), r => r.ExitCode == 0, "app diff to find no differences after the sync", Settle);
        Assert.Equal("", synced.Output);

        var get = await Run("app", "get", "guestbook");
        Assert.True(get.ExitCode == 0, get.Error + get.Output);
        Assert.StartsWith("Name:               argocd/guestbook\nProject:            default\n", get.Output, StringComparison.Ordinal);
        Assert.Contains($"Sync Status:        Synced to HEAD ({sha[..7]})\n", get.Output, StringComparison.Ordinal);
        Assert.Matches("\nGROUP +KIND +NAMESPACE +NAME +STATUS +HEALTH +HOOK +MESSAGE\n", get.Output);

        var history = await Run("app", "history", "guestbook");
        Assert.Matches($"^ID +DATE +REVISION\n0 +\\d{{4}}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000 UTC +{sha}\n$", history.Output);

        var wait = await Run("app", "wait", "guestbook", "--sync", "--timeout", "30");
        Assert.True(wait.ExitCode == 0, wait.Error + wait.Output);

        var yaml = await Run("app", "get", "guestbook", "-o", "json");
        Assert.Equal("Synced", (string?)JsonNode.Parse(yaml.Output)!["syncStatus"]);
    }

    [Fact]
    public async Task Unknown_applications_and_timeouts_fail_with_one_line()
    {
        var missing = await Run("app", "get", "argocd/nope");
        Assert.True(missing.Error == "error: application argocd/nope not found\n", missing.Error);
        Assert.Equal(1, missing.ExitCode);

        var diff = await Run("app", "diff", "argocd/nope");
        Assert.Equal(2, diff.ExitCode);
    }

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(services.Environment(), args);
}
