using Homelab.Engine.Diff;
using Homelab.Engine.Diff.Ignore;
using Homelab.Manifests;
using Homelab.Manifests.Objects;
using static Homelab.Engine.Tests.Objects;

namespace Homelab.Engine.Tests.Diff;

public sealed class IgnoreDifferencesTests
{
    private static ResourceDiff Diff(IgnoreDifferencesRule rule, KubeObject desired, KubeObject live) =>
        new ResourceDiffer(new DiffOptions { FieldManager = "argocd-controller", IgnoreRules = IgnoreRuleSet.Compile([rule]) }).Diff(desired, live);

    [Fact]
    public void Json_pointer_ignores_replicas()
    {
        var rule = new IgnoreDifferencesRule { Group = "apps", Kind = "Deployment", JsonPointers = ["/spec/replicas"] };

        var diff = Diff(rule, Yaml(DeploymentFixtures.Desired), KubeObject.FromJson(DeploymentFixtures.Live(replicas: 7)));

        Assert.Equal(DiffState.Equal, diff.State);
    }

    [Fact]
    public void Rule_for_another_name_or_kind_does_not_apply()
    {
        var live = KubeObject.FromJson(DeploymentFixtures.Live(replicas: 7));
        var otherName = new IgnoreDifferencesRule { Group = "apps", Kind = "Deployment", Name = "other", JsonPointers = ["/spec/replicas"] };
        var otherNamespace = new IgnoreDifferencesRule { Group = "apps", Kind = "Deployment", Namespace = "prod", JsonPointers = ["/spec/replicas"] };
        var otherKind = new IgnoreDifferencesRule { Group = "apps", Kind = "StatefulSet", JsonPointers = ["/spec/replicas"] };
        var anyGroup = new IgnoreDifferencesRule { Group = "*", Kind = "Deployment", Name = "podinfo", Namespace = "apps", JsonPointers = ["/spec/replicas"] };

        Assert.Equal(DiffState.Modified, Diff(otherName, Yaml(DeploymentFixtures.Desired), live).State);
        Assert.Equal(DiffState.Modified, Diff(otherNamespace, Yaml(DeploymentFixtures.Desired), live).State);
        Assert.Equal(DiffState.Modified, Diff(otherKind, Yaml(DeploymentFixtures.Desired), live).State);
        Assert.Equal(DiffState.Equal, Diff(anyGroup, Yaml(DeploymentFixtures.Desired), live).State);
    }

    [Fact]
    public void Jq_select_ignores_one_containers_image()
    {
        var desired = Yaml(DeploymentFixtures.Desired.Replace("busybox:1.36", "busybox:1.37", StringComparison.Ordinal));
        var live = KubeObject.FromJson(DeploymentFixtures.Live());
        var sidecar = new IgnoreDifferencesRule
        {
            Group = "apps",
            Kind = "Deployment",
            JqPathExpressions = [".spec.template.spec.containers[] | select(.name == \"sidecar\") | .image"],
        };
        var other = sidecar with { JqPathExpressions = [".spec.template.spec.containers[] | select(.name == \"podinfo\") | .image"] };

        Assert.Equal(DiffState.Equal, Diff(sidecar, desired, live).State);
        Assert.Equal(DiffState.Modified, Diff(other, desired, live).State);
    }

    [Fact]
    public void Jq_bracket_member_and_optional_iteration()
    {
        var desired = Yaml("""
            apiVersion: admissionregistration.k8s.io/v1
            kind: MutatingWebhookConfiguration
            metadata:
              name: cert-manager-webhook
              annotations: {cert-manager.io/inject-ca-from: cert-manager/ca}
            webhooks:
            - name: webhook.cert-manager.io
              admissionReviewVersions: [v1]
              sideEffects: None
              clientConfig: {service: {name: cert-manager-webhook, namespace: cert-manager}}
            """);
        var live = Yaml("""
            apiVersion: admissionregistration.k8s.io/v1
            kind: MutatingWebhookConfiguration
            metadata:
              name: cert-manager-webhook
              annotations: {cert-manager.io/inject-ca-from: cert-manager/other}
            webhooks:
            - name: webhook.cert-manager.io
              admissionReviewVersions: [v1]
              sideEffects: None
              clientConfig: {caBundle: LS0tLS1CRUdJTi, service: {name: cert-manager-webhook, namespace: other}}
            """);
        var rule = new IgnoreDifferencesRule
        {
            Group = "admissionregistration.k8s.io",
            Kind = "MutatingWebhookConfiguration",
            JqPathExpressions = [".metadata.annotations[\"cert-manager.io/inject-ca-from\"]", ".webhooks[]?.clientConfig.service.namespace"],
        };

        Assert.Equal(DiffState.Equal, Diff(rule, desired, live).State);
    }

    [Fact]
    public void Fields_owned_by_an_ignored_manager_are_ignored()
    {
        var hpa = """
            , { "manager": "kube-controller-manager-hpa", "operation": "Update", "apiVersion": "apps/v1", "fieldsType": "FieldsV1",
                "fieldsV1": { "f:spec": { "f:replicas": {} } } }
            """;
        var live = KubeObject.FromJson(DeploymentFixtures.Live(replicas: 9, extraManagedFields: hpa));
        var rule = new IgnoreDifferencesRule { Group = "apps", Kind = "Deployment", ManagedFieldsManagers = ["kube-controller-manager-hpa"] };

        Assert.Equal(DiffState.Equal, Diff(rule, Yaml(DeploymentFixtures.Desired), live).State);
        Assert.Equal(DiffState.Modified, Diff(rule with { ManagedFieldsManagers = ["someone-else"] }, Yaml(DeploymentFixtures.Desired), live).State);
    }

    [Theory]
    [InlineData(".spec.replicas", "/spec/replicas")]
    [InlineData(".metadata.annotations[\"a/b\"]", "/metadata/annotations/a~1b")]
    [InlineData(".metadata.\"weird-key\"", "/metadata/weird-key")]
    [InlineData(".spec.items[1].value", "/spec/items/1/value")]
    [InlineData(".spec.items[] | select(.name == \"y\") | .value", "/spec/items/1/value")]
    [InlineData(".spec.items[] | select(.meta.enabled == true)", "/spec/items/0")]
    [InlineData(".spec.items[]?.value", "/spec/items/0/value,/spec/items/1/value")]
    [InlineData(".spec.missing[]?.value", "")]
    public void Jq_subset_selects_the_expected_paths(string expression, string expected)
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse("""
            {"metadata":{"annotations":{"a/b":"1"},"weird-key":2},
             "spec":{"replicas":3,"items":[{"name":"x","value":1,"meta":{"enabled":true}},{"name":"y","value":2}]}}
            """)!;

        var paths = JqPathParser.Parse(expression).Select(document).Select(p => Engine.Diff.Paths.JsonPointer.Format(p));

        Assert.Equal(expected, string.Join(',', paths));
    }

    [Theory]
    [InlineData(".spec.containers[-1]", "non-negative index")]
    [InlineData(".spec | length", "expected a path")]
    [InlineData(".spec.x[] | select(.name != \"a\")", "only '<field> == <literal>'")]
    [InlineData("..image", "recursive descent")]
    [InlineData("spec.replicas", "expected a path starting with '.'")]
    [InlineData(".spec.x[] | select(.name == foo)", "not a JSON literal")]
    [InlineData(".", "whole object")]
    [InlineData(".spec.x[] | select(.a == \"b\" and .c == \"d\")", "not a JSON literal")]
    public void Unsupported_jq_is_a_clear_error(string expression, string reason)
    {
        var rule = new IgnoreDifferencesRule { Kind = "Deployment", JqPathExpressions = [expression] };

        var error = Assert.Throws<ManifestException>(() => IgnoreRuleSet.Compile([rule]));

        Assert.Contains(expression, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("supported:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spec/replicas")]
    [InlineData("/spec/bad~2escape")]
    [InlineData("")]
    public void Invalid_json_pointer_is_a_clear_error(string pointer)
    {
        var error = Assert.Throws<ManifestException>(() => IgnoreRuleSet.Compile([new IgnoreDifferencesRule { Kind = "X", JsonPointers = [pointer] }]));

        Assert.Contains("is not a JSON pointer", error.Message, StringComparison.Ordinal);
    }
}
