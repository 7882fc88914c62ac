using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Tests.Infrastructure;
using Homelab.Manifests.Objects;

namespace Homelab.Kubernetes.Tests;

public sealed class StatusSubresourceTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task A_patch_on_the_status_subresource_changes_status_only()
    {
        var deployment = KubeObject.FromJson("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"status-only","namespace":"default","annotations":{"devcluster.homelab.dev/simulate":"never"}},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"s"}},"template":{"metadata":{"labels":{"app":"s"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}
            """);
        var created = await cluster.Client.CreateAsync(deployment, new WriteOptions(), Ct);

        var patched = await cluster.Client.PatchAsync(
            ObjectReference.From(created), """{"spec":{"replicas":5},"status":{"replicas":7}}""", PatchType.Merge, new WriteOptions { Subresource = "status" }, Ct);

        Assert.Equal(7, patched.Get("status", "replicas")!.GetValue<int>());
        var stored = await cluster.Client.GetAsync(ObjectReference.From(created), Ct);
        Assert.Equal(1, stored.Get("spec", "replicas")!.GetValue<int>());
        Assert.Equal(created.Get("metadata", "generation")!.GetValue<long>(), stored.Get("metadata", "generation")!.GetValue<long>());
        Assert.Equal(1, cluster.Server.Requests.Snapshot().Where(r => r.Key is { Verb: "patch", Resource: "deployments", Subresource: "status" }).Sum(r => r.Value));
    }
}
