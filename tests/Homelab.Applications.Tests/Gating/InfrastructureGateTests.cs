using System.Text.Json.Nodes;
using Homelab.Applications.Gating;
using Homelab.Applications.Tests.Fixtures;
using Homelab.Controllers.Hosting;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Tests.Gating;

/// <summary>
/// The gate against the real infrastructure service's WatchLayer stream, on the dev cluster. Kustomizations
/// are suspended (so the infrastructure reconciler leaves them alone) and their status is driven through
/// the status subresource, as the kustomize-controller would write it.
/// </summary>
public sealed class InfrastructureGateTests
{
    private const string KsApi = "kustomize.toolkit.fluxcd.io/v1";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ClosedWithTheKustomizationNamedWhileNotReadyThenOpensWithinTwoSeconds()
    {
        await using var fixture = new ApplicationsFixture();
        await fixture.InitializeAsync();
        await using var infrastructure = await fixture.StartInfrastructureAsync();
        await using var service = await fixture.StartServiceAsync(infrastructure.GetEndpoint(ControlPlaneHostingExtensions.GrpcEndpoint));
        var gate = service.Service<ILayerGate>();
        var changes = 0;
        using var subscription = gate.Subscribe(() => Interlocked.Increment(ref changes));
        var app = Application();

        await CreateNamespaceAsync(fixture, "flux-system");
        await CreateKustomizationAsync(fixture, "flux-system", "ingress");
        await SetReadyAsync(fixture, "flux-system", "ingress", ready: false, reason: "DependencyNotReady", message: "dependency 'flux-system/crds' is not ready");

        await Eventually.TrueAsync(() => gate.Check(app).WaitingFor.Contains("DependencyNotReady", StringComparison.Ordinal), "the gate names the failing Kustomization", Timeout);
        var closed = gate.Check(app);
        Assert.False(closed.Open);
        Assert.Equal(
            "waiting for infrastructure: Kustomization flux-system/ingress is not ready (DependencyNotReady: dependency 'flux-system/crds' is not ready)",
            closed.WaitingFor);

        var before = Volatile.Read(ref changes);
        await SetReadyAsync(fixture, "flux-system", "ingress", ready: true, reason: "ReconciliationSucceeded", message: "Applied revision: main@sha1:abc");
        await Eventually.TrueAsync(() => gate.Check(app).Open, "the gate opens within 2 s of Ready", TimeSpan.FromSeconds(2));
        Assert.Equal("", gate.Check(app).WaitingFor);
        Assert.True(Volatile.Read(ref changes) > before, "subscribers are told when readiness changes");
    }

    [Fact]
    public async Task DependsOnAnnotationNarrowsTheGateToTheNamedKustomizations()
    {
        await using var fixture = new ApplicationsFixture();
        await fixture.InitializeAsync();
        await using var infrastructure = await fixture.StartInfrastructureAsync();
        await using var service = await fixture.StartServiceAsync(infrastructure.GetEndpoint(ControlPlaneHostingExtensions.GrpcEndpoint));
        var gate = service.Service<ILayerGate>();

        await CreateNamespaceAsync(fixture, "infra");
        await CreateKustomizationAsync(fixture, "infra", "storage");
        await CreateKustomizationAsync(fixture, "infra", "monitoring");
        await SetReadyAsync(fixture, "infra", "storage", ready: true, reason: "ReconciliationSucceeded", message: "Applied revision: main@sha1:abc");
        await SetReadyAsync(fixture, "infra", "monitoring", ready: false, reason: "HealthCheckFailed", message: "timeout waiting for Deployment/prometheus");

        var whole = Application();
        var onStorage = Application(dependsOn: "infra/storage");
        var onMonitoring = Application(dependsOn: "infra/storage, infra/monitoring");
        var onMissing = Application(dependsOn: "infra/dns");

        // Both status writes must have reached the gate: the narrowed gate open, and monitoring's failure seen.
        await Eventually.TrueAsync(
            () => gate.Check(onStorage).Open && gate.Check(whole).WaitingFor.Contains("HealthCheckFailed", StringComparison.Ordinal),
            "the narrowed gate opens and the whole layer names monitoring's failure",
            Timeout);
        Assert.False(gate.Check(whole).Open);
        Assert.Contains("infra/monitoring is not ready (HealthCheckFailed: timeout waiting for Deployment/prometheus)", gate.Check(whole).WaitingFor, StringComparison.Ordinal);
        Assert.Equal(
            "waiting for infrastructure: Kustomization infra/monitoring is not ready (HealthCheckFailed: timeout waiting for Deployment/prometheus)",
            gate.Check(onMonitoring).WaitingFor);
        Assert.Equal("waiting for infrastructure: Kustomization infra/dns is not ready (NotFound: no such Kustomization)", gate.Check(onMissing).WaitingFor);
    }

    [Fact]
    public async Task TheGateSendsTheServiceTokenSoItWorksWhereReadsNeedOne()
    {
        // In a cluster the two services are in different pods: reads are not from loopback, so the
        // infrastructure service wants the token. Api:OpenReads=false makes loopback behave the same.
        await using var fixture = new ApplicationsFixture();
        await fixture.InitializeAsync();
        await using var infrastructure = await fixture.StartInfrastructureAsync(new Dictionary<string, string?> { ["Api:OpenReads"] = "false" });
        await using var service = await fixture.StartServiceAsync(infrastructure.GetEndpoint(ControlPlaneHostingExtensions.GrpcEndpoint));
        await CreateNamespaceAsync(fixture, "flux-system");
        await CreateKustomizationAsync(fixture, "flux-system", "ingress");
        await SetReadyAsync(fixture, "flux-system", "ingress", ready: true, reason: "ReconciliationSucceeded", message: "Applied revision: main@sha1:abc");

        var gate = service.Service<ILayerGate>();
        await Eventually.TrueAsync(() => gate.Check(Application(dependsOn: "flux-system/ingress")).Open, "the gate opens on the authenticated stream", Timeout);
    }

    [Fact]
    public async Task UnreachableInfrastructureKeepsTheGateClosedWithStatusUnknown()
    {
        await using var fixture = new ApplicationsFixture();
        await fixture.InitializeAsync();
        var nobody = new Uri($"http://127.0.0.1:{FreePort.Pick()}");
        await using var service = await fixture.StartServiceAsync(nobody);
        var gate = service.Service<ILayerGate>();

        await Eventually.TrueAsync(() => gate.Check(Application()).WaitingFor.Contains("unreachable", StringComparison.Ordinal), "the gate reports the unreachable service", Timeout);
        var decision = gate.Check(Application(dependsOn: "flux-system/anything"));
        Assert.False(decision.Open);
        Assert.StartsWith($"waiting for infrastructure: status unknown (infrastructure service unreachable at {nobody}", decision.WaitingFor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnInfrastructureAddressTheGateIsOpen()
    {
        await using var fixture = new ApplicationsFixture();
        await fixture.InitializeAsync();
        await using var service = await fixture.StartServiceAsync();

        var decision = service.Service<ILayerGate>().Check(Application(dependsOn: "flux-system/anything"));

        Assert.True(decision.Open);
    }

    private static KubeObject Application(string? dependsOn = null)
    {
        var app = KubeObject.FromJson("""{"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"web","namespace":"argocd"},"spec":{}}""");
        if (dependsOn is not null)
        {
            app.SetAnnotation(DependsOnAnnotation.Key, dependsOn);
        }

        return app;
    }

    private static async Task CreateNamespaceAsync(ApplicationsFixture fixture, string name) =>
        await fixture.Client.CreateAsync(KubeObject.FromJson($$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{name}}}"}}"""), new WriteOptions(), CancellationToken.None);

    private static async Task CreateKustomizationAsync(ApplicationsFixture fixture, string ns, string name) =>
        await fixture.Client.CreateAsync(
            KubeObject.FromJson($$$"""
                {"apiVersion":"{{{KsApi}}}","kind":"Kustomization","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}"},
                 "spec":{"interval":"10m","path":"./{{{name}}}","prune":true,"suspend":true,"sourceRef":{"kind":"GitRepository","name":"repo"} } }
                """),
            new WriteOptions(),
            CancellationToken.None);

    private static async Task SetReadyAsync(ApplicationsFixture fixture, string ns, string name, bool ready, string reason, string message)
    {
        var status = new JsonObject
        {
            ["observedGeneration"] = 1,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready",
                ["status"] = ready ? "True" : "False",
                ["reason"] = reason,
                ["message"] = message,
                ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
                ["observedGeneration"] = 1,
            }),
        };
        await fixture.Client.PatchAsync(
            new ObjectReference(KsApi, "Kustomization", ns, name),
            new JsonObject { ["status"] = status }.ToJsonString(),
            PatchType.Merge,
            new WriteOptions { Subresource = "status" },
            CancellationToken.None);
    }
}
