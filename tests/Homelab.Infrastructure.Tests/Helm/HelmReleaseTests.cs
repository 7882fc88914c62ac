using Homelab.Infrastructure.Tests.Fixtures;
using Homelab.Kubernetes.Client;

namespace Homelab.Infrastructure.Tests.Helm;

/// <summary>
/// HelmRepository and HelmRelease end to end: the real service against the dev cluster, a chart repository
/// served on loopback with packages built by the real <c>helm package</c>, and the real <c>helm template</c>.
/// </summary>
public sealed class HelmReleaseTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    private readonly HelmCluster _cluster = new(fixture.Client);

    [Fact]
    public async Task Install_then_upgrade_on_values_change_then_prune_what_left_the_chart()
    {
        var ns = await fixture.CreateNamespaceAsync("helm-upgrade");
        await using var repo = await ServeAsync(("podinfo", "1.0.0"));
        await using var service = await StartAsync();
        await fixture.CreateAsync(HelmYaml.Repository(ns, repo.Url) + HelmYaml.Release(ns, "demo", "podinfo", "1.0.0", values: "message: one"));

        var installed = await _cluster.WaitForReleaseAsync(ns, "demo",
            r => HelmCluster.ReadyWith(r, "InstallSucceeded", "Helm install succeeded for release helm-upgrade/demo.v1 with chart podinfo@1.0.0"), "install");
        Assert.Equal("True", HelmCluster.Find(installed, "Released")?.Status);
        var config = await _cluster.TryGetAsync("v1", "ConfigMap", ns, "demo-config");
        Assert.NotNull(config);
        Assert.Equal("one", config.GetString("data", "message"));
        Assert.Equal("demo", config.GetLabel("helm.toolkit.fluxcd.io/name"));
        Assert.Equal(ns, config.GetLabel("helm.toolkit.fluxcd.io/namespace"));
        Assert.Contains(config.Get("metadata", "managedFields")!.AsArray(), f => f!["manager"]!.ToString() == "helm-controller");
        var history = Assert.Single(HelmCluster.History(installed));
        Assert.Equal("deployed", history["status"]!.ToString());
        Assert.Equal("1.0.0-app", history["appVersion"]!.ToString());
        Assert.StartsWith("sha256:", history["configDigest"]!.ToString());
        var repository = await _cluster.RepositoryAsync(ns, "charts");
        Assert.Equal("True", HelmCluster.Find(repository, "Ready")?.Status);
        Assert.StartsWith("stored artifact: revision 'sha256:", HelmCluster.Find(repository, "Ready")?.Message);
        Assert.StartsWith("sha256:", repository.GetString("status", "artifact", "revision"));

        await _cluster.PatchAsync(ns, "demo", """{"spec":{"values":{"message":"two","extra":true}}}""");
        var upgraded = await _cluster.WaitForReleaseAsync(ns, "demo",
            r => HelmCluster.ReadyWith(r, "UpgradeSucceeded", "helm-upgrade/demo.v2"), "upgrade to v2");
        var entries = HelmCluster.History(upgraded);
        Assert.Equal(2, entries.Count);
        Assert.Equal(("2", "deployed"), (entries[0]["version"]!.ToString(), entries[0]["status"]!.ToString()));
        Assert.Equal(("1", "superseded"), (entries[1]["version"]!.ToString(), entries[1]["status"]!.ToString()));
        Assert.NotEqual(entries[0]["configDigest"]!.ToString(), entries[1]["configDigest"]!.ToString());
        Assert.Equal("two", (await _cluster.TryGetAsync("v1", "ConfigMap", ns, "demo-config"))!.GetString("data", "message"));
        Assert.NotNull(await _cluster.TryGetAsync("v1", "ConfigMap", ns, "demo-extra"));

        await _cluster.PatchAsync(ns, "demo", """{"spec":{"values":{"extra":false}}}""");
        await _cluster.WaitForReleaseAsync(ns, "demo", r => HelmCluster.ReadyWith(r, "UpgradeSucceeded", "helm-upgrade/demo.v3"), "upgrade to v3");
        Assert.Null(await _cluster.TryGetAsync("v1", "ConfigMap", ns, "demo-extra"));
        Assert.NotNull(await _cluster.TryGetAsync("v1", "Secret", ns, "homelab.helm.release.v1.demo.v3"));
    }

    [Fact]
    public async Task Failed_upgrade_is_rolled_back_to_the_last_deployed_release()
    {
        var ns = await fixture.CreateNamespaceAsync("helm-rollback");
        await using var repo = await ServeAsync(("podinfo", "1.0.0"));
        await using var service = await StartAsync();
        await fixture.CreateAsync(HelmYaml.Repository(ns, repo.Url) + HelmYaml.Release(ns, "demo", "podinfo", "1.0.0", values: "message: good",
            extraSpec: "  timeout: 20s\n  upgrade:\n    remediation:\n      retries: 1\n"));
        await _cluster.WaitForReleaseAsync(ns, "demo", r => HelmCluster.ReadyWith(r, "InstallSucceeded", "demo.v1"), "install");

        // The dev cluster makes this Deployment Degraded; replicas changes its spec so a new generation is assessed.
        await _cluster.PatchAsync(ns, "demo", """{"spec":{"values":{"message":"bad","simulate":"fail","replicas":2}}}""");
        var remediated = await _cluster.WaitForReleaseAsync(ns, "demo",
            r => HelmCluster.Find(r, "Remediated") is { Status: "True", Reason: "RollbackSucceeded" } && HelmCluster.Find(r, "Stalled") is { Reason: "RetriesExceeded" },
            "rollback after the retries are spent", TimeSpan.FromSeconds(60));

        // retries: 1 → two upgrade attempts, each remediated by a rollback to the newest deployed version.
        Assert.Equal("Helm rollback to previous release helm-rollback/demo.v3 with chart podinfo@1.0.0 succeeded", HelmCluster.Find(remediated, "Remediated")!.Message);
        Assert.Equal("False", HelmCluster.Find(remediated, "Ready")!.Status);
        Assert.StartsWith("Helm upgrade failed for release helm-rollback/demo with chart podinfo@1.0.0", HelmCluster.Find(remediated, "Released")!.Message);
        var history = HelmCluster.History(remediated).Select(h => $"v{h["version"]} {h["status"]} {h["description"]}").ToList();
        Assert.Equal(["v5 deployed Rollback to 3", "v4 failed upgrade failed", "v3 superseded Rollback to 1", "v2 failed upgrade failed", "v1 superseded install complete"], history);
        Assert.Equal(2L, remediated.Get("status", "upgradeFailures")!.GetValue<long>());

        var config = await _cluster.TryGetAsync("v1", "ConfigMap", ns, "demo-config");
        Assert.Equal("good", config!.GetString("data", "message"));
        var deployment = await _cluster.TryGetAsync("apps/v1", "Deployment", ns, "demo");
        Assert.Null(deployment!.GetAnnotation("devcluster.homelab.dev/simulate"));
        Assert.Equal(1L, deployment.Get("spec", "replicas")!.GetValue<long>());
    }

    [Fact]
    public async Task Broken_chart_fails_with_helms_error_and_changes_nothing()
    {
        var ns = await fixture.CreateNamespaceAsync("helm-broken");
        await using var repo = await ServeAsync([("podinfo", "1.0.0", null), ("podinfo", "2.0.0", "{{ .Values.missing.deeper }}")]);
        await using var service = await StartAsync();
        await fixture.CreateAsync(HelmYaml.Repository(ns, repo.Url) + HelmYaml.Release(ns, "demo", "podinfo", "1.0.0", values: "extra: true"));
        await _cluster.WaitForReleaseAsync(ns, "demo", r => HelmCluster.ReadyWith(r, "InstallSucceeded", "demo.v1"), "install");

        await _cluster.PatchAsync(ns, "demo", """{"spec":{"chart":{"spec":{"version":"2.0.0"}},"values":{"extra":false}}}""");
        var failed = await _cluster.WaitForReleaseAsync(ns, "demo", r => HelmCluster.Find(r, "Ready") is { Reason: "UpgradeFailed" }, "upgrade failure");

        var message = HelmCluster.Find(failed, "Ready")!.Message;
        Assert.StartsWith("Helm upgrade failed for release helm-broken/demo with chart podinfo@2.0.0: ", message);
        Assert.Contains("templates/broken.yaml", message);
        Assert.Contains("nil pointer evaluating", message);
        Assert.Single(HelmCluster.History(failed));
        Assert.Equal("1.0.0", (await _cluster.TryGetAsync("v1", "ConfigMap", ns, "demo-config"))!.GetString("data", "chartVersion"));
        Assert.NotNull(await _cluster.TryGetAsync("v1", "ConfigMap", ns, "demo-extra"));
        Assert.Equal("2.0.0", failed.GetString("status", "lastAttemptedRevision"));
    }

    [Fact]
    public async Task Version_range_picks_the_highest_stable_match()
    {
        var ns = await fixture.CreateNamespaceAsync("helm-range");
        await using var repo = await ServeAsync(("podinfo", "1.0.0"), ("podinfo", "1.2.0"), ("podinfo", "1.10.0"), ("podinfo", "1.11.0-rc.1"), ("podinfo", "2.0.0"));
        await using var service = await StartAsync();
        await fixture.CreateAsync(HelmYaml.Repository(ns, repo.Url) + HelmYaml.Release(ns, "demo", "podinfo", "\">=1.0.0 <2.0.0\""));

        var installed = await _cluster.WaitForReleaseAsync(ns, "demo", r => HelmCluster.ReadyWith(r, "InstallSucceeded", "with chart podinfo@1.10.0"), "install of 1.10.0");
        Assert.Equal("1.10.0", HelmCluster.History(installed)[0]["chartVersion"]!.ToString());
        Assert.Equal("1.10.0", (await _cluster.TryGetAsync("v1", "ConfigMap", ns, "demo-config"))!.GetString("data", "chartVersion"));
    }

    [Fact]
    public async Task Chart_from_a_git_repository_with_values_from_a_config_map_and_a_dependency()
    {
        var ns = await fixture.CreateNamespaceAsync("helm-git");
        var git = fixture.CreateRepository("helm-charts");
        git.CommitAndPush("chart", TestCharts.Files("app", "0.3.0").ToDictionary(f => $"charts/app/{f.Key}", f => f.Value));
        await using var service = await StartAsync();
        await fixture.CreateAsync($"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app-values
              namespace: {ns}
            data:
              values.yaml: |
                message: from-config-map
                replicas: 3
              greeting: hi-there
            ---
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata:
              name: charts
              namespace: {ns}
            spec:
              interval: 1m
              url: {git.Url}
              ref:
                branch: main
            ---
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: second
              namespace: {ns}
            spec:
              interval: 1m
              dependsOn:
                - name: first
              chart:
                spec:
                  chart: ./charts/app
                  sourceRef:
                    kind: GitRepository
                    name: charts
            ---
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: first
              namespace: {ns}
            spec:
              interval: 1m
              chart:
                spec:
                  chart: ./charts/app
                  sourceRef:
                    kind: GitRepository
                    name: charts
              valuesFrom:
                - kind: ConfigMap
                  name: app-values
                - kind: ConfigMap
                  name: app-values
                  valuesKey: greeting
                  targetPath: message
                - kind: Secret
                  name: absent
                  optional: true
              values:
                replicas: 2
            """);

        var first = await _cluster.WaitForReleaseAsync(ns, "first", r => HelmCluster.ReadyWith(r, "InstallSucceeded", "helm-git/first.v1 with chart app@0.3.0"), "install of first");
        Assert.Equal("hi-there", (await _cluster.TryGetAsync("v1", "ConfigMap", ns, "first-config"))!.GetString("data", "message"));
        Assert.Equal(2L, (await _cluster.TryGetAsync("apps/v1", "Deployment", ns, "first"))!.Get("spec", "replicas")!.GetValue<long>());
        Assert.Equal("0.3.0", first.GetString("status", "lastAttemptedRevision"));
        await _cluster.WaitForReleaseAsync(ns, "second", r => HelmCluster.ReadyWith(r, "InstallSucceeded", "helm-git/second.v1"), "install of the dependent");
    }

    [Fact]
    public async Task Missing_values_reference_and_missing_dependency_are_reported()
    {
        var ns = await fixture.CreateNamespaceAsync("helm-missing");
        await using var repo = await ServeAsync(("podinfo", "1.0.0"));
        await using var service = await StartAsync();
        await fixture.CreateAsync(HelmYaml.Repository(ns, repo.Url)
            + HelmYaml.Release(ns, "values", "podinfo", "1.0.0", extraSpec: "  valuesFrom:\n    - kind: Secret\n      name: nope\n")
            + HelmYaml.Release(ns, "waits", "podinfo", "1.0.0", extraSpec: "  dependsOn:\n    - name: ghost\n"));

        var values = await _cluster.WaitForReleaseAsync(ns, "values", r => HelmCluster.Find(r, "Ready") is { Reason: "InitFailed" }, "values failure");
        Assert.Equal($"could not resolve Secret chart values reference '{ns}/nope': not found", HelmCluster.Find(values, "Ready")!.Message);
        var waits = await _cluster.WaitForReleaseAsync(ns, "waits", r => HelmCluster.Find(r, "Ready") is { Reason: "DependencyNotReady" }, "dependency failure");
        Assert.Equal($"dependency '{ns}/ghost' not found", HelmCluster.Find(waits, "Ready")!.Message);
        Assert.Null(await _cluster.TryGetAsync("v1", "ConfigMap", ns, "values-config"));
        Assert.Null(await _cluster.TryGetAsync("v1", "ConfigMap", ns, "waits-config"));
    }

    private Task<RunningService> StartAsync() =>
        fixture.StartServiceAsync(new Dictionary<string, string?> { ["Helm:ChartCacheDirectory"] = fixture.Temp.Sub($"charts-{Guid.NewGuid():N}") });

    private Task<ChartRepositoryServer> ServeAsync(params (string Name, string Version)[] charts) =>
        ServeAsync([.. charts.Select(c => (c.Name, c.Version, (string?)null))]);

    private Task<ChartRepositoryServer> ServeAsync(IReadOnlyList<(string Name, string Version, string? Broken)> charts) =>
        ChartRepositoryServer.PublishAndStartAsync(fixture.Temp.Sub($"repo-{Guid.NewGuid():N}"), charts);
}
