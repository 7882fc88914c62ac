using Homelab.Engine.IntegrationTests.Infrastructure;
using Homelab.Engine.Inventory;
using Homelab.Engine.Plan;
using Homelab.Engine.Results;
using Homelab.Engine.Sync;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.IntegrationTests;

/// <summary>CRDs before their custom resources, unknown kinds, destination namespace, force-recreate and dry-run mode.</summary>
public sealed class ApplyOptionsTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static SyncRequest Request(IReadOnlyList<KubeObject> objects) =>
        new(objects, ClusterFixture.Manager, new ArgoOwnerMark("options")) { Timeout = TimeSpan.FromSeconds(20) };

    private static KubeObject WidgetCrd() => KubeObject.FromJson("""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.homelab.dev"},
         "spec":{"group":"homelab.dev","scope":"Namespaced","names":{"plural":"widgets","singular":"widget","kind":"Widget","listKind":"WidgetList"},
           "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """);

    private static KubeObject Widget(string ns, string name) =>
        KubeObject.FromJson("{\"apiVersion\":\"homelab.dev/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns + "\"},\"spec\":{\"size\":3}}");

    [Fact]
    public async Task ACustomResourceIsAppliedOnceItsCrdInTheSameSyncIsEstablished()
    {
        var objects = new List<KubeObject> { Widget("crd-ns", "first"), Fixtures.Namespace("crd-ns"), WidgetCrd() };
        cluster.Client.ClearWrites();

        var report = await cluster.Executor.SyncAsync(Request(objects) with { Wait = true }, CancellationToken.None);

        Assert.True(report.Result.Succeeded, report.Result.Message);
        Assert.Equal(3, report.Result.Objects.Count(o => o.Action == SyncAction.Created));
        var applies = cluster.Client.Writes.Where(w => w.Verb == "apply").Select(w => w.Id.Kind).ToList();
        Assert.True(applies.IndexOf("CustomResourceDefinition") < applies.IndexOf("Widget"), string.Join(",", applies));

        await Eventually.TrueAsync(() => cluster.Cache.Get(objects[0].Id) is not null, "the cache holds the widget");
        var again = await cluster.Executor.SyncAsync(Request(objects), CancellationToken.None);
        Assert.All(again.Result.Objects, o => Assert.Equal(SyncAction.Unchanged, o.Action));
    }

    [Fact]
    public async Task AnUnknownKindFailsThatObjectAndNothingIsWritten()
    {
        var gadget = KubeObject.FromJson("""{"apiVersion":"nowhere.dev/v1","kind":"Gadget","metadata":{"name":"g","namespace":"default"}}""");
        cluster.Client.ClearWrites();

        var report = await cluster.Executor.SyncAsync(Request([Fixtures.ConfigMap("default", "unknown-kind-neighbour"), gadget]), CancellationToken.None);

        Assert.False(report.Result.Succeeded);
        var failure = Assert.Single(report.Result.Failures);
        Assert.Equal(gadget.Id, failure.Id);
        Assert.Contains("Gadget", failure.Message);
        Assert.Empty(cluster.Client.Writes);
    }

    [Fact]
    public async Task CreateNamespacePutsNamespacedObjectsInTheDestination()
    {
        var cm = KubeObject.FromJson("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"no-namespace"},"data":{"a":"1"}}""");
        var request = Request([cm]) with
        {
            DestinationNamespace = "destination",
            AppOptions = SyncOptions.Default.With("CreateNamespace=true", "test"),
        };

        var report = await cluster.Executor.SyncAsync(request, CancellationToken.None);

        Assert.True(report.Result.Succeeded, report.Result.Message);
        Assert.Equal(new ObjectId("", "ConfigMap", "destination", "no-namespace"), Assert.Single(report.Result.Changed).Id);
        Assert.NotNull(await cluster.Client.TryGetAsync(new ObjectReference("v1", "ConfigMap", "destination", "no-namespace"), CancellationToken.None));
    }

    [Fact]
    public async Task ForceRecreatesAnObjectWhoseImmutableFieldChanged()
    {
        var ns = "recreate";
        var deployment = Fixtures.Deployment(ns, "web");
        Assert.True((await cluster.Executor.SyncAsync(Request([Fixtures.Namespace(ns), deployment]), CancellationToken.None)).Result.Succeeded);
        await Eventually.TrueAsync(() => cluster.Cache.Get(deployment.Id) is not null, "the cache holds the deployment");
        var uid = cluster.Cache.Get(deployment.Id)!.GetString("metadata", "uid");
        var reselected = Fixtures.Deployment(ns, "web");
        reselected.Body["spec"]!["selector"]!["matchLabels"]!["tier"] = "front";
        reselected.Body["spec"]!["template"]!["metadata"]!["labels"]!["tier"] = "front";

        var refused = await cluster.Executor.SyncAsync(Request([Fixtures.Namespace(ns), reselected]), CancellationToken.None);
        Assert.False(refused.Result.Succeeded);
        Assert.Contains("immutable", Assert.Single(refused.Result.Failures).Message);

        var forced = await cluster.Executor.SyncAsync(Request([Fixtures.Namespace(ns), reselected]) with { RecreateOnImmutable = true }, CancellationToken.None);

        Assert.True(forced.Result.Succeeded, forced.Result.Message);
        var live = await cluster.Client.GetAsync(ObjectReference.From(reselected), CancellationToken.None);
        Assert.NotEqual(uid, live.GetString("metadata", "uid"));
        Assert.Equal("front", live.GetString("spec", "selector", "matchLabels", "tier"));
    }

    [Fact]
    public async Task DryRunReportsChangesAndWritesNothing()
    {
        cluster.Client.ClearWrites();

        var report = await cluster.Executor.SyncAsync(Request([Fixtures.ConfigMap("default", "dry")]) with { DryRun = true }, CancellationToken.None);

        Assert.True(report.Result.Succeeded, report.Result.Message);
        Assert.Equal(SyncAction.Created, Assert.Single(report.Result.Objects).Action);
        Assert.All(cluster.Client.Writes, w => Assert.EndsWith("dry-run", w.Verb));
        Assert.Null(await cluster.Client.TryGetAsync(new ObjectReference("v1", "ConfigMap", "default", "dry"), CancellationToken.None));
    }

    [Fact]
    public async Task ReplaceUpdatesWithAPutAndCreatesWhenMissing()
    {
        const string ns = "replace";
        var request = Request([Fixtures.Namespace(ns), Fixtures.ConfigMap(ns, "replaced", value: "one")]) with
        {
            AppOptions = SyncOptions.Default.With("Replace=true", "test"),
        };
        cluster.Client.ClearWrites();
        Assert.True((await cluster.Executor.SyncAsync(request, CancellationToken.None)).Result.Succeeded);
        var cm = Fixtures.ConfigMap(ns, "replaced", value: "two");
        await Eventually.TrueAsync(() => cluster.Cache.Get(cm.Id) is not null, "the cache holds the ConfigMap");

        var report = await cluster.Executor.SyncAsync(request with { Desired = [Fixtures.Namespace(ns), cm] }, CancellationToken.None);

        Assert.True(report.Result.Succeeded, report.Result.Message);
        Assert.Equal(SyncAction.Configured, Assert.Single(report.Result.Changed).Action);
        Assert.Equal(["create", "create", "update"], cluster.Client.Writes.Where(w => !w.Verb.EndsWith("dry-run", StringComparison.Ordinal)).Select(w => w.Verb));
        Assert.Equal("two", (await cluster.Client.GetAsync(ObjectReference.From(cm), CancellationToken.None)).GetString("data", "a"));
    }

    [Fact]
    public async Task FluxStagesApplyDefinitionsFirstThenTheirCustomResources()
    {
        var crd = WidgetCrd();
        crd.Body["metadata"]!["name"] = "gizmos.homelab.dev";
        crd.Body["spec"]!["names"] = new System.Text.Json.Nodes.JsonObject { ["plural"] = "gizmos", ["singular"] = "gizmo", ["kind"] = "Gizmo", ["listKind"] = "GizmoList" };
        var gizmo = KubeObject.FromJson("""{"apiVersion":"homelab.dev/v1","kind":"Gizmo","metadata":{"name":"g","namespace":"staged"},"spec":{}}""");
        var objects = new List<KubeObject> { gizmo, Fixtures.ConfigMap("staged", "cfg"), crd, Fixtures.Namespace("staged") };
        cluster.Client.ClearWrites();

        var report = await cluster.Executor.SyncAsync(
            new SyncRequest(objects, "kustomize-controller", new FluxOwnerMark("staged", "flux-system")) { Mode = PlanningMode.Staged, Timeout = TimeSpan.FromSeconds(20) },
            CancellationToken.None);

        Assert.True(report.Result.Succeeded, report.Result.Message);
        var applies = cluster.Client.Writes.Where(w => w.Verb == "apply").Select(w => w.Id.Kind).ToList();
        // Definitions first; the rest of the set is one stage, applied in parallel, so in any order.
        Assert.Equal(["CustomResourceDefinition", "Namespace"], applies.Take(2).Order());
        Assert.Equal(["ConfigMap", "Gizmo"], applies.Skip(2).Order());
    }

    [Fact]
    public async Task FluxSsaIgnoreIsNeverAppliedAndIfNotPresentOnlyCreates()
    {
        const string ns = "ssa-policy";
        var ignored = Fixtures.ConfigMap(ns, "ignored").WithAnnotation("kustomize.toolkit.fluxcd.io/ssa", "Ignore");
        var once = Fixtures.ConfigMap(ns, "once", value: "first").WithAnnotation("kustomize.toolkit.fluxcd.io/ssa", "IfNotPresent");
        var owner = new FluxOwnerMark("ssa", "flux-system");
        var first = await cluster.Executor.SyncAsync(
            new SyncRequest([Fixtures.Namespace(ns), ignored, once], "kustomize-controller", owner) { Mode = PlanningMode.Staged, Wait = true, Timeout = TimeSpan.FromSeconds(10) },
            CancellationToken.None);
        Assert.True(first.Result.Succeeded, first.Result.Message);
        Assert.Equal(SyncAction.Skipped, Assert.Single(first.Result.Objects, o => o.Id == ignored.Id).Action);
        await Eventually.TrueAsync(() => cluster.Cache.Get(once.Id) is not null, "the cache holds the created object");

        var changedOnce = Fixtures.ConfigMap(ns, "once", value: "second").WithAnnotation("kustomize.toolkit.fluxcd.io/ssa", "IfNotPresent");
        var second = await cluster.Executor.SyncAsync(
            new SyncRequest([Fixtures.Namespace(ns), ignored, changedOnce], "kustomize-controller", owner) { Mode = PlanningMode.Staged },
            CancellationToken.None);

        Assert.True(second.Result.Succeeded, second.Result.Message);
        Assert.Null(await cluster.Client.TryGetAsync(ObjectReference.From(ignored), CancellationToken.None));
        Assert.Equal("first", (await cluster.Client.GetAsync(ObjectReference.From(once), CancellationToken.None)).GetString("data", "a"));
    }
}
