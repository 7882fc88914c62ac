using Homelab.Engine.Diff;
using Homelab.Manifests.Objects;
using static Homelab.Engine.Tests.Objects;

namespace Homelab.Engine.Tests.Diff;

public sealed class ResourceDifferTests
{
    private static readonly ResourceDiffer Differ = new(new DiffOptions { FieldManager = "kustomize-controller" });

    [Fact]
    public void Deployment_defaulted_by_the_server_is_equal()
    {
        var diff = Differ.Diff(Yaml(DeploymentFixtures.Desired), KubeObject.FromJson(DeploymentFixtures.Live()));

        Assert.Equal(DiffState.Equal, diff.State);
        Assert.Empty(diff.Changes);
        Assert.Equal("", diff.UnifiedDiff);
    }

    [Fact]
    public void Replica_count_changed_with_kubectl_is_modified()
    {
        var kubectlOwnsReplicas = """
            , { "manager": "kubectl-edit", "operation": "Update", "apiVersion": "apps/v1", "fieldsType": "FieldsV1",
                "fieldsV1": { "f:spec": { "f:replicas": {} } } }
            """;
        var live = KubeObject.FromJson(DeploymentFixtures.Live(replicas: 5, extraManagedFields: kubectlOwnsReplicas));

        var diff = Differ.Diff(Yaml(DeploymentFixtures.Desired), live);

        Assert.Equal(DiffState.Modified, diff.State);
        var change = Assert.Single(diff.Changes);
        Assert.Equal(new FieldChange("/spec/replicas", FieldChangeKind.Changed, false), change);
        Assert.Contains("-  replicas: 5\n", diff.UnifiedDiff, StringComparison.Ordinal);
        Assert.Contains("+  replicas: 2\n", diff.UnifiedDiff, StringComparison.Ordinal);
        Assert.StartsWith("--- live/Deployment.apps/apps/podinfo\n+++ desired/Deployment.apps/apps/podinfo\n@@ ", diff.UnifiedDiff, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_added_by_another_manager_is_equal()
    {
        var otherManager = """
            , { "manager": "kubectl-label", "operation": "Update", "apiVersion": "apps/v1", "fieldsType": "FieldsV1",
                "fieldsV1": { "f:metadata": { "f:labels": { "f:team": {} } } } }
            """;
        var live = KubeObject.FromJson(DeploymentFixtures.Live(extraLabels: ", \"team\": \"web\"", extraManagedFields: otherManager));

        Assert.Equal(DiffState.Equal, Differ.Diff(Yaml(DeploymentFixtures.Desired), live).State);
    }

    [Fact]
    public void Env_var_and_annotation_removed_from_git_that_we_owned_are_modified()
    {
        var live = KubeObject.FromJson(DeploymentFixtures.Live(
            extraEnv: ", { \"name\": \"LOG_LEVEL\", \"value\": \"debug\" }",
            extraAnnotations: ", \"homelab.dev/owner\": \"ops\"",
            extraOwnedByUs: ", \"f:annotations\": { \"f:homelab.dev/owner\": {} }"));

        var diff = Differ.Diff(Yaml(DeploymentFixtures.Desired), live);

        Assert.Equal(DiffState.Modified, diff.State);
        Assert.All(diff.Changes, c => Assert.Equal(FieldChangeKind.Removed, c.Kind));
        Assert.Equal(
            ["/metadata/annotations/homelab.dev~1owner", "/spec/template/spec/containers/1/env/1"],
            diff.Changes.Select(c => c.Path).Order(StringComparer.Ordinal));
        Assert.Contains("-        - name: LOG_LEVEL", diff.UnifiedDiff, StringComparison.Ordinal);
        Assert.Contains("-    homelab.dev/owner: ops", diff.UnifiedDiff, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_absent_from_git_but_owned_by_another_manager_is_not_a_difference()
    {
        var live = KubeObject.FromJson(DeploymentFixtures.Live(
            extraEnv: ", { \"name\": \"LOG_LEVEL\", \"value\": \"debug\" }"));
        // The LOG_LEVEL env var appears in our fieldsV1 only when extraEnv is set; re-own it by someone else.
        var json = live.ToJson().Replace("\"manager\":\"kustomize-controller\"", "\"manager\":\"kubectl-client-side-apply\"", StringComparison.Ordinal);

        var diff = Differ.Diff(Yaml(DeploymentFixtures.Desired), KubeObject.FromJson(json));

        Assert.Equal(DiffState.Equal, diff.State);
    }

    [Fact]
    public void Without_a_field_manager_removed_fields_are_not_detected()
    {
        var live = KubeObject.FromJson(DeploymentFixtures.Live(extraEnv: ", { \"name\": \"LOG_LEVEL\", \"value\": \"debug\" }"));

        var diff = new ResourceDiffer(new DiffOptions()).Diff(Yaml(DeploymentFixtures.Desired), live);

        Assert.Equal(DiffState.Equal, diff.State);
    }

    [Fact]
    public void Changed_image_in_a_keyed_container_reports_the_desired_index()
    {
        var desired = Yaml(DeploymentFixtures.Desired.Replace("podinfo:6.7.0", "podinfo:6.8.0", StringComparison.Ordinal));

        var diff = Differ.Diff(desired, KubeObject.FromJson(DeploymentFixtures.Live()));

        var change = Assert.Single(diff.Changes);
        Assert.Equal("/spec/template/spec/containers/0/image", change.Path);
        Assert.True(diff.UnifiedDiff.Contains("+        image: ghcr.io/stefanprodan/podinfo:6.8.0\n", StringComparison.Ordinal), diff.UnifiedDiff);
    }

    [Fact]
    public void A_new_container_is_added()
    {
        var desired = Yaml(DeploymentFixtures.Desired + """

                  - name: exporter
                    image: prom/exporter:1
            """);

        var diff = Differ.Diff(desired, KubeObject.FromJson(DeploymentFixtures.Live()));

        Assert.Equal(new FieldChange("/spec/template/spec/containers/2", FieldChangeKind.Added, false), Assert.Single(diff.Changes));
    }

    [Fact]
    public void Missing_and_extra_objects()
    {
        var desired = Yaml(DeploymentFixtures.Desired);
        var live = KubeObject.FromJson(DeploymentFixtures.Live());

        var missing = Differ.Diff(desired, null);
        var extra = Differ.Diff(null, live);

        Assert.Equal(DiffState.Missing, missing.State);
        Assert.Contains("+  name: podinfo", missing.UnifiedDiff, StringComparison.Ordinal);
        Assert.Equal(DiffState.Extra, extra.State);
        Assert.Contains("-  name: podinfo", extra.UnifiedDiff, StringComparison.Ordinal);
        Assert.DoesNotContain("managedFields", extra.UnifiedDiff, StringComparison.Ordinal);
        Assert.DoesNotContain("status", extra.UnifiedDiff, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Differ.Diff(null, null));
    }

    [Fact]
    public void Inputs_are_not_modified()
    {
        var desired = Yaml(DeploymentFixtures.Desired);
        var live = KubeObject.FromJson(DeploymentFixtures.Live(replicas: 4));
        var (desiredJson, liveJson) = (desired.ToJson(), live.ToJson());

        Differ.Diff(desired, live);

        Assert.Equal(desiredJson, desired.ToJson());
        Assert.Equal(liveJson, live.ToJson());
    }

    [Fact]
    public void Tracking_labels_we_own_must_be_stamped_on_desired_before_diffing()
    {
        var live = KubeObject.FromJson(DeploymentFixtures.Live(
            extraLabels: ", \"kustomize.toolkit.fluxcd.io/name\": \"apps\", \"kustomize.toolkit.fluxcd.io/namespace\": \"flux-system\"",
            extraOwnedLabels: ", \"f:kustomize.toolkit.fluxcd.io/name\": {}, \"f:kustomize.toolkit.fluxcd.io/namespace\": {}"));
        var desired = Yaml(DeploymentFixtures.Desired);

        var unstamped = Differ.Diff(desired, live);
        new Homelab.Engine.Inventory.FluxOwnerMark("apps", "flux-system").Stamp(desired);
        var stamped = Differ.Diff(desired, live);

        Assert.Equal(
            ["/metadata/labels/kustomize.toolkit.fluxcd.io~1name", "/metadata/labels/kustomize.toolkit.fluxcd.io~1namespace"],
            unstamped.Changes.Where(c => c.Kind == FieldChangeKind.Removed).Select(c => c.Path));
        Assert.Equal(DiffState.Equal, stamped.State);
    }

    [Fact]
    public void A_server_side_dry_run_result_confirms_or_clears_a_suspected_drift()
    {
        // The executor may pass the dry-run apply result as "desired": it is a full server object,
        // so equality means the apply would change nothing.
        var live = KubeObject.FromJson(DeploymentFixtures.Live());
        var dryRunSame = KubeObject.FromJson(DeploymentFixtures.Live().Replace("\"resourceVersion\": \"48213\"", "\"resourceVersion\": \"48214\"", StringComparison.Ordinal));
        var dryRunChanged = KubeObject.FromJson(DeploymentFixtures.Live(replicas: 3));

        Assert.Equal(DiffState.Equal, Differ.Diff(dryRunSame, live).State);
        Assert.Equal("/spec/replicas", Assert.Single(Differ.Diff(dryRunChanged, live).Changes).Path);
    }

    [Fact]
    public void Kubectl_client_side_apply_of_an_image_is_drift_and_its_annotation_never_shows()
    {
        var csa = """
            , { "manager": "kubectl-client-side-apply", "operation": "Update", "apiVersion": "apps/v1", "fieldsType": "FieldsV1",
                "fieldsV1": { "f:metadata": { "f:annotations": { "f:kubectl.kubernetes.io/last-applied-configuration": {} } },
                  "f:spec": { "f:template": { "f:spec": { "f:containers": { "k:{\"name\":\"podinfo\"}": { "f:image": {} } } } } } } }
            """;
        var json = DeploymentFixtures.Live(
                extraManagedFields: csa,
                extraAnnotations: ", \"kubectl.kubernetes.io/last-applied-configuration\": \"{\\\"kind\\\":\\\"Deployment\\\"}\"")
            .Replace("\"image\": \"ghcr.io/stefanprodan/podinfo:6.7.0\"", "\"image\": \"ghcr.io/stefanprodan/podinfo:6.5.0\"", StringComparison.Ordinal);

        var diff = Differ.Diff(Yaml(DeploymentFixtures.Desired), KubeObject.FromJson(json));

        Assert.Equal(new FieldChange("/spec/template/spec/containers/0/image", FieldChangeKind.Changed, false), Assert.Single(diff.Changes));
        Assert.Contains("-        image: ghcr.io/stefanprodan/podinfo:6.5.0\n", diff.UnifiedDiff, StringComparison.Ordinal);
        Assert.DoesNotContain("last-applied", diff.UnifiedDiff, StringComparison.Ordinal);
    }
}
