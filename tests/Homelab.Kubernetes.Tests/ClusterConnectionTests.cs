using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Homelab.Kubernetes.Tests.Infrastructure;
using k8s;

namespace Homelab.Kubernetes.Tests;

public sealed class ClusterConnectionTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task An_explicit_configuration_reaches_the_server()
    {
        using var connection = ClusterConnection.FromConfiguration(new KubernetesClientConfiguration { Host = cluster.Server.BaseAddress.ToString() });
        using var metrics = new RequestMetrics();
        var client = new ClusterClient(connection, metrics);
        var ns = await client.GetAsync(new ObjectReference("v1", "Namespace", null, "default"), Ct);
        Assert.Equal("default", ns.Name);
        Assert.EndsWith("/", connection.BaseAddress.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_kubeconfig_is_named_in_the_error()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "kubeconfig");
        var error = Assert.Throws<FileNotFoundException>(() => ClusterConnection.FromKubeconfig(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Legacy_discovery_resolves_the_same_kinds_as_aggregated()
    {
        using var metrics = new RequestMetrics();
        var legacy = new ClusterClient(cluster.Connection, metrics, new DiscoveryOptions { UseAggregatedDiscovery = false });
        var deployment = await legacy.Discovery.ResolveAsync("apps", "Deployment", null, Ct);
        var aggregated = await cluster.Client.Discovery.ResolveAsync("apps", "Deployment", null, Ct);
        Assert.False(legacy.Discovery.UsedAggregatedDiscovery);
        Assert.Equal(aggregated with { Verbs = [] }, deployment with { Verbs = [] });
        Assert.Equal(aggregated.Verbs.Order(), deployment.Verbs.Order());
        Assert.Equal(
            cluster.Client.Discovery.PreferredTypes.Select(t => $"{t.Group}/{t.Kind}").Order(),
            legacy.Discovery.PreferredTypes.Select(t => $"{t.Group}/{t.Kind}").Order());
    }

    [Fact]
    public async Task An_unreachable_server_is_a_transient_error_naming_the_address()
    {
        using var connection = ClusterConnection.FromConfiguration(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" });
        using var metrics = new RequestMetrics();
        var client = new ClusterClient(connection, metrics);
        var error = await Assert.ThrowsAsync<Errors.TransientApiException>(() => client.Discovery.RefreshAsync(Ct));
        Assert.True(error.IsTransient);
        Assert.Equal("ConnectionFailed", error.Reason);
        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
    }
}
