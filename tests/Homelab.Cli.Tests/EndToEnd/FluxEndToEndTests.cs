using System.Text.Json.Nodes;

namespace Homelab.Cli.Tests.EndToEnd;

/// <summary>The Flux-side commands against the real infrastructure service reconciling a real git repository.</summary>
public sealed class FluxEndToEndTests(ServicesFixture services) : IClassFixture<ServicesFixture>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Get_reconcile_suspend_resume_and_tree()
    {
        var (url, sha) = services.Git.Create("flux-apps", new Dictionary<string, string>
        {
            ["apps/namespace.yaml"] = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: cli-e2e\n",
            ["apps/settings.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: cli-e2e\ndata:\n  mode: test\n",
        });
        await services.ApplyAsync($$"""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata:
              name: homelab
              namespace: flux-system
            spec:
              interval: 1m
              url: "{{url}}"
              ref:
                branch: main
            ---
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: apps
              namespace: flux-system
            spec:
              interval: 10m
              path: ./apps
              prune: true
              sourceRef:
                kind: GitRepository
                name: homelab
            """);
        var revision = $"main@sha1:{sha[..8]}";

        var source = await Poll.UntilAsync(
            () => Run("get", "sources", "git"),
            r => Line(r.Output, "homelab")?.Contains("\tTrue \t", StringComparison.Ordinal) == true,
            "homelab get sources git to show the GitRepository Ready", Settle);
        Assert.Contains($"homelab\t{revision}\tFalse    \tTrue \tstored artifact for revision '{revision}'", source.Output, StringComparison.Ordinal);

        var ready = await Poll.UntilAsync(
            () => Run("get", "kustomizations"),
            r => Line(r.Output, "apps")?.Contains("\tTrue \t", StringComparison.Ordinal) == true,
            "homelab get kustomizations to show apps Ready", Settle);
        Assert.True(ready.ExitCode == 0, ready.Error + ready.Output);
        Assert.StartsWith("NAME\tREVISION          \tSUSPENDED\tREADY\tMESSAGE", ready.Output, StringComparison.Ordinal);
        Assert.Equal($"apps\t{revision}\tFalse    \tTrue \t", Line(ready.Output, "apps")![..(5 + revision.Length + 1 + 10 + 6)]);

        var all = await Run("get", "all", "-A");
        Assert.True(all.ExitCode == 0, all.Error + all.Output);
        Assert.Contains("\nflux-system\tgitrepository/homelab\t", "\n" + all.Output.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\nflux-system\tkustomization/apps\t", "\n" + all.Output.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var json = await Run("get", "kustomizations", "-o", "json");
        var item = JsonNode.Parse(json.Output)!["items"]!.AsArray().Single(i => (string?)i!["ref"]!["name"] == "apps")!;
        Assert.Equal("True", (string?)item["ready"]);

        var reconcile = await Run("reconcile", "kustomization", "apps", "--with-source");
        Assert.True(reconcile.ExitCode == 0, reconcile.Error + reconcile.Output);
        Assert.Equal(
            [
                "► annotating GitRepository homelab in flux-system namespace",
                "✔ GitRepository annotated",
                "◎ waiting for GitRepository reconciliation",
                $"✔ fetched revision main@sha1:{sha}",
                "► annotating Kustomization apps in flux-system namespace",
                "✔ Kustomization annotated",
                "◎ waiting for Kustomization reconciliation",
                $"✔ applied revision main@sha1:{sha}",
            ],
            reconcile.Output.TrimEnd('\n').Split('\n'));

        var tree = await Run("tree", "kustomization", "apps");
        Assert.True(tree.ExitCode == 0, tree.Error + tree.Output);
        Assert.StartsWith("Kustomization/flux-system/apps\n", tree.Output, StringComparison.Ordinal);
        Assert.Contains("── Namespace/cli-e2e\n", tree.Output, StringComparison.Ordinal);
        Assert.Contains("── ConfigMap/cli-e2e/settings\n", tree.Output, StringComparison.Ordinal);

        var suspend = await Run("suspend", "kustomization", "apps");
        Assert.Equal((0, "► suspending Kustomization apps in flux-system namespace\n✔ Kustomization suspended\n"), (suspend.ExitCode, suspend.Output));
        // The service answers from its watch cache, which sees the suspend a moment after the write.
        await Poll.UntilAsync(
            () => Run("get", "ks"),
            r => Line(r.Output, "apps")?.Contains("\tTrue     \t", StringComparison.Ordinal) == true,
            "homelab get ks to show apps suspended", Settle);
        var refused = await Run("reconcile", "ks", "apps");
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("error: ", refused.Error, StringComparison.Ordinal);

        var resume = await Run("resume", "kustomization", "apps");
        Assert.True(resume.ExitCode == 0, resume.Error + resume.Output);
        Assert.EndsWith($"✔ applied revision main@sha1:{sha}\n", resume.Output, StringComparison.Ordinal);
        Assert.Contains("\tFalse    \t", Line((await Run("get", "ks")).Output, "apps"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_objects_and_missing_tokens_are_one_clear_line()
    {
        var missing = await Run("reconcile", "kustomization", "does-not-exist");
        Assert.Equal("error: kustomization flux-system/does-not-exist not found\n", missing.Error);
        Assert.Equal(1, missing.ExitCode);

        var anonymous = await CliRunner.RunAsync(services.Environment(withToken: false), "suspend", "kustomization", "does-not-exist");
        Assert.Equal(1, anonymous.ExitCode);
        Assert.EndsWith("set HOMELAB_TOKEN\n", anonymous.Error, StringComparison.Ordinal);
        Assert.Contains($"infrastructure service at {services.InfrastructureGrpc.GetLeftPart(UriPartial.Authority)} (from HOMELAB_INFRASTRUCTURE_SERVER)", anonymous.Error, StringComparison.Ordinal);

        var empty = await Run("get", "helmreleases", "-n", "nothing-here");
        Assert.Equal((0, "", "✗ no HelmRelease objects found in \"nothing-here\" namespace\n"), (empty.ExitCode, empty.Output, empty.Error));
    }

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(services.Environment(), args);

    private static string? Line(string output, string name) =>
        output.Split('\n').FirstOrDefault(l => l.StartsWith(name + "\t", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal));
}
