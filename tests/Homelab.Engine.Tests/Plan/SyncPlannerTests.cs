using Homelab.Engine.Plan;
using Homelab.Manifests;
using static Homelab.Engine.Tests.Objects;

namespace Homelab.Engine.Tests.Plan;

public sealed class SyncPlannerTests
{
    private static readonly SyncPlanner Planner = new();

    private const string App = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: web-config, namespace: shop}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: shop}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: web-db, namespace: shop}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: web, namespace: shop}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web, namespace: shop}
        ---
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: web, namespace: shop}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: migrate
          namespace: shop
          annotations: {argocd.argoproj.io/hook: PreSync, argocd.argoproj.io/hook-delete-policy: HookSucceeded}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: smoke-test
          namespace: shop
          annotations: {argocd.argoproj.io/hook: PostSync}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: notify-failure
          namespace: shop
          annotations: {argocd.argoproj.io/hook: SyncFail}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: cache
          namespace: shop
          annotations: {argocd.argoproj.io/sync-wave: "-1"}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: worker
          namespace: shop
          annotations: {argocd.argoproj.io/sync-wave: "5"}
        """;

    [Fact]
    public void Phases_waves_and_kind_order()
    {
        var plan = Planner.Plan(YamlAll(App));

        Assert.Equal(
            [
                // The PreSync hook runs in namespace shop, so the Namespace moves before it.
                "PreSync 0: Namespace/shop, Job.batch/shop/migrate",
                "Sync -1: Deployment.apps/shop/cache",
                "Sync 0: ServiceAccount/shop/web, Secret/shop/web-db, ConfigMap/shop/web-config, RoleBinding.rbac.authorization.k8s.io/shop/web, Service/shop/web, Deployment.apps/shop/web, Ingress.networking.k8s.io/shop/web, ServiceMonitor.monitoring.coreos.com/shop/web",
                "Sync 5: Deployment.apps/shop/worker",
                "PostSync 0: Job.batch/shop/smoke-test",
            ],
            plan.Steps.Select(Describe));
        Assert.Equal("Job.batch/shop/notify-failure", Assert.Single(plan.SyncFailHooks).Id.ToString());
        var migrate = plan.Steps[0].Tasks[1];
        Assert.True(migrate.IsHook);
        Assert.Equal(HookDeletePolicy.HookSucceeded, migrate.DeletePolicy);
        Assert.Equal(HookDeletePolicy.BeforeHookCreation, plan.Steps[^1].Tasks[0].DeletePolicy);
        Assert.False(plan.Steps[1].Tasks[0].IsHook);
    }

    [Fact]
    public void Comma_separated_hook_runs_in_each_phase_and_skip_is_left_out()
    {
        var plan = Planner.Plan(YamlAll("""
            apiVersion: v1
            kind: Pod
            metadata: {name: check, namespace: a, annotations: {argocd.argoproj.io/hook: "PreSync, PostSync"}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: ignored, namespace: a, annotations: {argocd.argoproj.io/hook: Skip}}
            """));

        Assert.Equal(["PreSync 0: Pod/a/check", "PostSync 0: Pod/a/check"], plan.Steps.Select(Describe));
        Assert.Equal("ConfigMap/a/ignored", Assert.Single(plan.Skipped).Id.ToString());
    }

    [Fact]
    public void Helm_hooks_map_to_argo_phases_with_weight_as_wave()
    {
        var plan = Planner.Plan(YamlAll("""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: db-init
              namespace: a
              annotations: {helm.sh/hook: "pre-install,pre-upgrade", helm.sh/hook-weight: "-5", helm.sh/hook-delete-policy: "before-hook-creation,hook-succeeded"}
            ---
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: seed
              namespace: a
              annotations: {helm.sh/hook: post-install, helm.sh/hook-weight: "3"}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: chart-test
              namespace: a
              annotations: {helm.sh/hook: test}
            """));

        Assert.Equal(["PreSync -5: Job.batch/a/db-init", "PostSync 3: Job.batch/a/seed"], plan.Steps.Select(Describe));
        Assert.Equal(HookDeletePolicy.BeforeHookCreation | HookDeletePolicy.HookSucceeded, plan.Steps[0].Tasks[0].DeletePolicy);
        Assert.Equal("Pod/a/chart-test", Assert.Single(plan.Skipped).Id.ToString());
    }

    [Fact]
    public void Argo_hook_annotation_wins_over_helm()
    {
        var plan = Planner.Plan(YamlAll("""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: j
              namespace: a
              annotations: {helm.sh/hook: pre-install, argocd.argoproj.io/hook: Sync}
            """));

        var step = Assert.Single(plan.Steps);
        Assert.Equal(SyncPhase.Sync, step.Phase);
        Assert.True(step.Tasks[0].IsHook);
    }

    [Fact]
    public void Custom_resources_need_their_crd_established_and_the_crd_moves_before_them()
    {
        var plan = Planner.Plan(YamlAll("""
            apiVersion: cert-manager.io/v1
            kind: ClusterIssuer
            metadata: {name: letsencrypt, annotations: {argocd.argoproj.io/sync-wave: "-2"}}
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: clusterissuers.cert-manager.io}
            spec: {group: cert-manager.io, names: {kind: ClusterIssuer, plural: clusterissuers}, scope: Cluster}
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata: {name: x, namespace: m}
            """));

        Assert.Equal(
            ["Sync -2: CustomResourceDefinition.apiextensions.k8s.io/clusterissuers.cert-manager.io, ClusterIssuer.cert-manager.io/letsencrypt", "Sync 0: ServiceMonitor.monitoring.coreos.com/m/x"],
            plan.Steps.Select(Describe));
        var issuer = plan.Tasks.Single(t => t.Object.Kind == "ClusterIssuer");
        Assert.Equal("CustomResourceDefinition.apiextensions.k8s.io/clusterissuers.cert-manager.io", issuer.RequiresCrd?.ToString());
        Assert.Null(plan.Tasks.Single(t => t.Object.Kind == "ServiceMonitor").RequiresCrd);
    }

    [Fact]
    public void Namespace_in_a_later_wave_moves_before_its_first_object()
    {
        var plan = Planner.Plan(YamlAll("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: late, annotations: {argocd.argoproj.io/sync-wave: "10"}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, namespace: late, annotations: {argocd.argoproj.io/sync-wave: "1"}}
            """));

        Assert.Equal(["Sync 1: Namespace/late, ConfigMap/late/c"], plan.Steps.Select(Describe));
    }

    [Fact]
    public void Sync_options_are_layered_app_then_object()
    {
        var plan = Planner.Plan(
            YamlAll("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a, namespace: ns, annotations: {argocd.argoproj.io/sync-options: "Prune=false,Replace=true,Validate=false,SkipDryRunOnMissingResource=true,Exotic=yes"}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: b, namespace: ns}
                """),
            SyncOptions.Default.With(["ServerSideApply=true", "PruneLast=true", "CreateNamespace=true", "PrunePropagationPolicy=background"], "Application/argocd/shop"));

        var a = plan.Tasks.Single(t => t.Object.Name == "a").Options;
        var b = plan.Tasks.Single(t => t.Object.Name == "b").Options;
        Assert.Equal((false, true, false, true, true, true, true), (a.Prune, a.Replace, a.Validate, a.SkipDryRunOnMissingResource, a.ServerSideApply, a.PruneLast, a.CreateNamespace));
        Assert.Equal(["Exotic=yes"], a.Unsupported);
        Assert.Equal((true, false, true, PropagationPolicy.Background), (b.Prune, b.Replace, b.Validate, b.PrunePropagationPolicy));
        Assert.Empty(b.Unsupported);
    }

    [Theory]
    [InlineData("argocd.argoproj.io/sync-wave: \"one\"", "argocd.argoproj.io/sync-wave 'one' is not an integer")]
    [InlineData("argocd.argoproj.io/sync-wave: \"1.5\"", "is not an integer")]
    [InlineData("argocd.argoproj.io/hook: PreSynk", "'PreSynk' is not one of PreSync")]
    [InlineData("argocd.argoproj.io/hook: Sync, argocd.argoproj.io/hook-delete-policy: Always", "'Always' is not one of HookSucceeded")]
    [InlineData("argocd.argoproj.io/sync-options: Prune=maybe", "Prune='maybe' must be true or false")]
    [InlineData("argocd.argoproj.io/sync-options: Prune", "'Prune' is not <Name>=<value>")]
    [InlineData("argocd.argoproj.io/hook: \"1\"", "'1' is not one of PreSync")]
    [InlineData("argocd.argoproj.io/sync-options: PrunePropagationPolicy=eventually", "must be foreground, background or orphan")]
    public void Invalid_annotations_are_errors_naming_the_object(string annotation, string message)
    {
        var objects = YamlReader($"""
            apiVersion: v1
            kind: ConfigMap
            metadata: {"{"}name: cfg, namespace: apps, annotations: {"{"}{annotation}{"}}"}
            """);

        var error = Assert.Throws<ManifestException>(() => Planner.Plan(objects));

        Assert.Contains("ConfigMap/apps/cfg", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_objects_are_an_error()
    {
        var error = Assert.Throws<ManifestException>(() => Planner.Plan(YamlAll("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, namespace: ns}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, namespace: ns}
            """)));

        Assert.True(error.Message.Contains("ConfigMap/ns/c is defined more than once", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void Hooks_named_by_generate_name_may_share_an_empty_name()
    {
        var plan = Planner.Plan(YamlAll("""
            apiVersion: batch/v1
            kind: Job
            metadata: {generateName: migrate-, namespace: shop, annotations: {argocd.argoproj.io/hook: PreSync}}
            ---
            apiVersion: batch/v1
            kind: Job
            metadata: {generateName: smoke-, namespace: shop, annotations: {argocd.argoproj.io/hook: PostSync}}
            """));

        Assert.Equal([SyncPhase.PreSync, SyncPhase.PostSync], plan.Steps.Select(s => s.Phase));
    }

    [Fact]
    public void An_object_without_any_name_is_an_error()
    {
        var error = Assert.Throws<ManifestException>(() => Planner.Plan(YamlAll("apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: ns}\n")));

        Assert.Contains("test.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConfigMap has neither metadata.name nor metadata.generateName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_set_plans_nothing()
    {
        var plan = Planner.Plan([]);

        Assert.Empty(plan.Steps);
        Assert.Empty(plan.SyncFailHooks);
    }

    private static IReadOnlyList<Homelab.Manifests.Objects.KubeObject> YamlReader(string text) => YamlAll(text);

    private static string Describe(SyncStep step) => $"{step.Phase} {step.Wave}: {string.Join(", ", step.Tasks.Select(t => t.Id))}";
}
