using System.Text.Json.Nodes;
using Homelab.Api.Crds;
using Homelab.Api.Installation;
using Homelab.Api.Tests.Infrastructure;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Api.Tests.Installation;

public sealed class CrdInstallerTests
{
    private static readonly CrdInstallOptions Options = new() { EstablishedTimeout = TimeSpan.FromSeconds(20) };

    private static readonly string[] WriteVerbs = ["create", "update", "patch", "delete", "deletecollection", "apply"];

    [Fact]
    public async Task InstallsAllSevenThenASecondRunWritesNothing()
    {
        await using var cluster = await DevClusterFixture.StartAsync();
        var installer = new CrdInstaller(cluster.Client, TimeProvider.System);

        var first = await installer.InstallAsync(CustomResourceDefinitions.All, Options, CancellationToken.None);

        Assert.Equal(7, first.Count);
        Assert.All(first, r => Assert.Equal(CrdInstallAction.Installed, r.Action));
        Assert.Equal([.. CustomResourceDefinitions.FluxNames, .. CustomResourceDefinitions.ArgoNames], first.Select(r => r.Name));
        foreach (var name in first.Select(r => r.Name))
        {
            var live = await cluster.Client.GetAsync(CrdReference(name), CancellationToken.None);
            Assert.Contains(live.Metadata!["managedFields"]!.AsArray(), m => m!["manager"]!.GetValue<string>() == CrdInstaller.FieldManager);
        }

        cluster.Server.Requests.Reset();
        var second = await installer.InstallAsync(CustomResourceDefinitions.All, Options, CancellationToken.None);

        Assert.All(second, r => Assert.Equal(CrdInstallAction.Kept, r.Action));
        var writes = cluster.Server.Requests.Snapshot().Where(r => WriteVerbs.Contains(r.Key.Verb)).Sum(r => r.Value);
        Assert.Equal(0, writes);
        Assert.Equal(7, cluster.Server.Requests.Count(verb: "get"));
    }

    [Fact]
    public async Task AnExistingCrdOfTheSameNameIsKeptUnlessUpgradeIsAsked()
    {
        await using var cluster = await DevClusterFixture.StartAsync();
        var original = CustomResourceDefinitions.Load("kustomizations.kustomize.toolkit.fluxcd.io");
        original.SetLabel("app.kubernetes.io/part-of", "flux");
        var version = original.Get("spec", "versions")!.AsArray()[0]!.AsObject();
        version.Remove("additionalPrinterColumns");
        await cluster.Client.ApplyAsync(original, new ApplyOptions("flux-install"), CancellationToken.None);
        var installer = new CrdInstaller(cluster.Client, TimeProvider.System);

        var kept = await installer.InstallAsync([CustomResourceDefinitions.Load(original.Name)], Options, CancellationToken.None);

        Assert.Equal(CrdInstallAction.Kept, Assert.Single(kept).Action);
        var live = await cluster.Client.GetAsync(CrdReference(original.Name), CancellationToken.None);
        Assert.Equal("flux", live.GetLabel("app.kubernetes.io/part-of"));
        Assert.Null(live.Get("spec", "versions")!.AsArray()[0]!["additionalPrinterColumns"]);

        var upgraded = await installer.InstallAsync([CustomResourceDefinitions.Load(original.Name)], Options with { Upgrade = true }, CancellationToken.None);

        Assert.Equal(CrdInstallAction.Upgraded, Assert.Single(upgraded).Action);
        live = await cluster.Client.GetAsync(CrdReference(original.Name), CancellationToken.None);
        Assert.Equal("homelab", live.GetLabel("app.kubernetes.io/part-of"));
        Assert.Equal(3, live.Get("spec", "versions")!.AsArray()[0]!["additionalPrinterColumns"]!.AsArray().Count);
    }

    [Fact]
    public async Task KubectlShowsFluxAndArgoColumnsAndShortNames()
    {
        await using var cluster = await DevClusterFixture.StartAsync();
        await new CrdInstaller(cluster.Client, TimeProvider.System).InstallAsync(CustomResourceDefinitions.All, Options, CancellationToken.None);
        await cluster.Client.ApplyAsync(Namespace("flux-system"), new ApplyOptions("test"), CancellationToken.None);
        await cluster.Client.ApplyAsync(Namespace("argocd"), new ApplyOptions("test"), CancellationToken.None);
        await cluster.Client.ApplyAsync(Kustomization(), new ApplyOptions("test"), CancellationToken.None);
        await cluster.Client.ApplyAsync(Application(), new ApplyOptions("test"), CancellationToken.None);
        await cluster.KubectlAsync(
            "patch", "kustomization", "apps", "-n", "flux-system", "--subresource=status", "--type=merge", "-p",
            """{"status":{"conditions":[{"type":"Ready","status":"True","reason":"ReconciliationSucceeded","message":"Applied revision: main@sha1:0123456789abcdef0123456789abcdef01234567","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}""");

        var kustomizations = await cluster.KubectlAsync("get", "kustomizations", "-A");
        var applications = await cluster.KubectlAsync("get", "applications", "-A");
        var shortNames = await cluster.KubectlAsync("get", "ks,app", "-n", "flux-system", "-o", "name");
        var wide = await cluster.KubectlAsync("get", "apps.argoproj.io", "-A", "-o", "wide");

        var header = kustomizations.Split('\n')[0];
        Assert.Matches(@"^NAMESPACE\s+NAME\s+AGE\s+READY\s+STATUS\s*$", header);
        Assert.Matches(@"flux-system\s+apps\s+\S+\s+True\s+Applied revision: main@sha1:0123456789abcdef", kustomizations);
        Assert.Matches(@"^NAMESPACE\s+NAME\s+SYNC STATUS\s+HEALTH STATUS\s*$", applications.Split('\n')[0]);
        Assert.Contains("guestbook", applications, StringComparison.Ordinal);
        Assert.Matches(@"^NAMESPACE\s+NAME\s+SYNC STATUS\s+HEALTH STATUS\s+REVISION\s+PROJECT\s*$", wide.Split('\n')[0]);
        Assert.Contains("kustomization.kustomize.toolkit.fluxcd.io/apps", shortNames, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusIsASubresourceThatDoesNotBumpGeneration()
    {
        await using var cluster = await DevClusterFixture.StartAsync();
        await new CrdInstaller(cluster.Client, TimeProvider.System).InstallAsync(CustomResourceDefinitions.Flux, Options, CancellationToken.None);
        await cluster.Client.ApplyAsync(Namespace("flux-system"), new ApplyOptions("test"), CancellationToken.None);
        var created = await cluster.Client.ApplyAsync(Kustomization(), new ApplyOptions("test"), CancellationToken.None);

        await cluster.KubectlAsync(
            "patch", "kustomization", "apps", "-n", "flux-system", "--subresource=status", "--type=merge",
            "-p", """{"status":{"observedGeneration":1,"conditions":[{"type":"Ready","status":"False","reason":"BuildFailed","message":"kustomize build failed","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}""");
        var afterStatus = await cluster.Client.GetAsync(ObjectReference.From(created), CancellationToken.None);
        await cluster.KubectlAsync("patch", "kustomization", "apps", "-n", "flux-system", "--type=merge", "-p", """{"spec":{"interval":"5m"}}""");
        var afterSpec = await cluster.Client.GetAsync(ObjectReference.From(created), CancellationToken.None);

        Assert.Equal(1, Generation(created));
        Assert.Equal(1, Generation(afterStatus));
        Assert.Equal("BuildFailed", afterStatus.Get("status", "conditions")!.AsArray()[0]!["reason"]!.GetValue<string>());
        Assert.Equal(2, Generation(afterSpec));
        Assert.Equal("BuildFailed", afterSpec.Get("status", "conditions")!.AsArray()[0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task RefusesSomethingThatIsNotACrdBeforeWritingAnything()
    {
        await using var cluster = await DevClusterFixture.StartAsync();
        var installer = new CrdInstaller(cluster.Client, TimeProvider.System);
        cluster.Server.Requests.Reset();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            installer.InstallAsync([CustomResourceDefinitions.Load("applications.argoproj.io"), Namespace("x")], Options, CancellationToken.None));

        Assert.Contains("Namespace/x is not a CustomResourceDefinition", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, cluster.Server.Requests.Total);
    }

    private static long Generation(KubeObject obj) => obj.Get("metadata", "generation")!.GetValue<long>();

    private static ObjectReference CrdReference(string name) => new("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, name);

    private static KubeObject Namespace(string name) =>
        new(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } });

    private static KubeObject Kustomization() => Yaml.One("""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system}
        spec:
          interval: 10m
          sourceRef: {kind: GitRepository, name: homelab}
          path: ./apps
          prune: true
        """);

    private static KubeObject Application() => Yaml.One("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: guestbook, namespace: argocd}
        spec:
          project: default
          source: {repoURL: https://github.com/argoproj/argocd-example-apps, path: guestbook}
          destination: {server: https://kubernetes.default.svc, namespace: guestbook}
        """);
}
