using Homelab.Engine.Plan;
using static Homelab.Engine.Tests.Objects;

namespace Homelab.Engine.Tests.Plan;

public sealed class StagedApplyPlannerTests
{
    [Fact]
    public void Cluster_definitions_then_classes_then_the_rest()
    {
        var stages = new StagedApplyPlanner().Plan(YamlAll("""
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingWebhookConfiguration
            metadata: {name: cert-manager-webhook}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: cert-manager, namespace: cert-manager}
            ---
            apiVersion: cert-manager.io/v1
            kind: ClusterIssuer
            metadata: {name: letsencrypt}
            ---
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata: {name: local-path}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: cert-manager, namespace: cert-manager}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: cert-manager-controller}
            ---
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata: {name: traefik}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: cert-manager}
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: clusterissuers.cert-manager.io}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cert-manager, namespace: cert-manager}
            """));

        Assert.Equal(
            [
                "cluster definitions (wait): CustomResourceDefinition.apiextensions.k8s.io/clusterissuers.cert-manager.io, Namespace/cert-manager, ClusterRole.rbac.authorization.k8s.io/cert-manager-controller",
                "classes: StorageClass.storage.k8s.io/local-path, IngressClass.networking.k8s.io/traefik",
                "resources: ConfigMap/cert-manager/cert-manager, Service/cert-manager/cert-manager, Deployment.apps/cert-manager/cert-manager, ClusterIssuer.cert-manager.io/letsencrypt, ValidatingWebhookConfiguration.admissionregistration.k8s.io/cert-manager-webhook",
            ],
            stages.Select(s => $"{s.Name}{(s.WaitUntilReady ? " (wait)" : "")}: {string.Join(", ", s.Objects.Select(o => o.Id))}"));
    }

    [Fact]
    public void Empty_stages_are_omitted()
    {
        var stages = new StagedApplyPlanner().Plan(YamlAll("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: b}\n"));

        Assert.Equal("resources", Assert.Single(stages).Name);
        Assert.False(stages[0].WaitUntilReady);
    }
}
