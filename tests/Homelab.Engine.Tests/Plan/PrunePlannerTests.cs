using Homelab.Engine.Inventory;
using Homelab.Engine.Plan;
using Homelab.Engine.Plan.Prune;
using Homelab.Manifests.Objects;
using static Homelab.Engine.Tests.Objects;

namespace Homelab.Engine.Tests.Plan;

public sealed class PrunePlannerTests
{
    private static readonly FluxOwnerMark Flux = new("apps", "flux-system");

    private const string FluxMarked = "labels: {kustomize.toolkit.fluxcd.io/name: apps, kustomize.toolkit.fluxcd.io/namespace: flux-system}";

    private static readonly IReadOnlyList<KubeObject> LiveObjects = YamlAll($$$"""
        apiVersion: v1
        kind: Namespace
        metadata: {name: legacy, {{{FluxMarked}}}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: old-api, namespace: legacy, {{{FluxMarked}}}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: old-api, namespace: legacy, {{{FluxMarked}}}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: kept, namespace: legacy, {{{FluxMarked}}}}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data, namespace: legacy, {{{FluxMarked}}}, annotations: {kustomize.toolkit.fluxcd.io/prune: disabled}}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: hand-made, namespace: legacy}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: other-owner, namespace: legacy, labels: {kustomize.toolkit.fluxcd.io/name: infra, kustomize.toolkit.fluxcd.io/namespace: flux-system}}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: last, namespace: legacy, {{{FluxMarked}}}, annotations: {argocd.argoproj.io/sync-options: PruneLast=true}}
        """);

    [Fact]
    public void Prunes_only_marked_stale_objects_in_reverse_order_with_prune_last_at_the_end()
    {
        var desired = YamlAll("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kept, namespace: legacy}\n");
        var previous = LiveObjects.Select(o => o.Id).Append(new ObjectId("", "ConfigMap", "legacy", "already-gone"));

        var plan = new PrunePlanner().Plan(new PruneRequest(previous, desired, LiveObjects.ToDictionary(o => o.Id), Flux) { Propagation = PropagationPolicy.Background });

        Assert.Equal(
            ["Deployment.apps/legacy/old-api", "Service/legacy/old-api", "Namespace/legacy", "ServiceAccount/legacy/last"],
            plan.Deletions.Select(d => d.Id.ToString()));
        Assert.True(plan.Deletions[^1].PruneLast);
        Assert.All(plan.Deletions, d => Assert.Equal(PropagationPolicy.Background, d.Propagation));
        Assert.Equal(
            [
                "PersistentVolumeClaim/legacy/data PruneDisabled",
                "Secret/legacy/hand-made NotOwned",
                "ConfigMap/legacy/other-owner NotOwned",
                "ConfigMap/legacy/already-gone NotFound",
            ],
            plan.Skipped.Select(s => $"{s.Id} {s.Reason}"));
    }

    [Fact]
    public void Never_prunes_unmarked_or_disabled_objects_whatever_the_inventory_says()
    {
        var plan = new PrunePlanner().Plan(new PruneRequest(LiveObjects.Select(o => o.Id), [], LiveObjects.ToDictionary(o => o.Id), Flux));

        Assert.Equal(
            ["Deployment.apps/legacy/old-api", "Service/legacy/old-api", "ConfigMap/legacy/kept", "Namespace/legacy", "ServiceAccount/legacy/last"],
            plan.Deletions.Select(d => d.Id.ToString()));
        Assert.DoesNotContain(plan.Deletions, d => d.Id.Name is "hand-made" or "other-owner" or "data");
    }

    [Fact]
    public void Argo_tracking_prune_false_hooks_and_copied_annotations()
    {
        var live = YamlAll("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, annotations: {argocd.argoproj.io/tracking-id: "shop:apps/Deployment:shop/web"}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: keep, namespace: shop, annotations: {argocd.argoproj.io/tracking-id: "shop:/ConfigMap:shop/keep", argocd.argoproj.io/sync-options: Prune=false}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: copy, namespace: shop, annotations: {argocd.argoproj.io/tracking-id: "shop:/ConfigMap:shop/original"}}
            ---
            apiVersion: batch/v1
            kind: Job
            metadata: {name: migrate, namespace: shop, annotations: {argocd.argoproj.io/tracking-id: "shop:batch/Job:shop/migrate", argocd.argoproj.io/hook: PreSync}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: other-app, namespace: shop, annotations: {argocd.argoproj.io/tracking-id: "blog:/ConfigMap:shop/other-app"}}
            """);
        var owner = new ArgoOwnerMark("shop");

        var plan = new PrunePlanner().Plan(new PruneRequest(live.Select(o => o.Id), [], live.ToDictionary(o => o.Id), owner));

        var deletion = Assert.Single(plan.Deletions);
        Assert.Equal("Deployment.apps/shop/web", deletion.Id.ToString());
        Assert.Equal(PropagationPolicy.Foreground, deletion.Propagation);
        Assert.Equal(
            ["ConfigMap/shop/keep PruneDisabled", "ConfigMap/shop/copy NotOwned", "Job.batch/shop/migrate Hook", "ConfigMap/shop/other-app NotOwned"],
            plan.Skipped.Select(s => $"{s.Id} {s.Reason}"));
    }

    [Fact]
    public void Higher_waves_are_pruned_first()
    {
        var live = YamlAll("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: wave-0, namespace: a, labels: {kustomize.toolkit.fluxcd.io/name: apps, kustomize.toolkit.fluxcd.io/namespace: flux-system}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: wave-3, namespace: a, labels: {kustomize.toolkit.fluxcd.io/name: apps, kustomize.toolkit.fluxcd.io/namespace: flux-system}, annotations: {argocd.argoproj.io/sync-wave: "3"}}
            """);

        var plan = new PrunePlanner().Plan(new PruneRequest(live.Select(o => o.Id), [], live.ToDictionary(o => o.Id), Flux));

        Assert.Equal(["wave-3", "wave-0"], plan.Deletions.Select(d => d.Id.Name));
    }

    [Fact]
    public void App_level_prune_false_disables_every_deletion()
    {
        var live = LiveObjects.Where(o => o.Name == "old-api").ToList();
        var request = new PruneRequest(live.Select(o => o.Id), [], live.ToDictionary(o => o.Id), Flux)
        {
            AppOptions = SyncOptions.Default.With("Prune=false", "Application/argocd/shop"),
        };

        var plan = new PrunePlanner().Plan(request);

        Assert.Empty(plan.Deletions);
        Assert.All(plan.Skipped, s => Assert.Equal(PruneSkipReason.PruneDisabled, s.Reason));
    }
}
