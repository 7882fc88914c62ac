using System.Net;
using System.Net.Sockets;
using Homelab.DevCluster.Faults;
using Homelab.DevCluster.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Homelab.DevCluster.Tests;

/// <summary>Request accounting (counts, /metrics, debug endpoint) and fault injection (errors, latency, refusal, restart).</summary>
public sealed class AccountingAndFaultTests : IAsyncLifetime
{
    private readonly DevClusterFixture _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task Requests_are_counted_by_verb_resource_and_dry_run()
    {
        var client = _cluster.Client;
        _cluster.Server.Requests.Reset();
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "counted" } }, "default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "dry" } }, "default", dryRun: "All");
        await client.CoreV1.ReadNamespacedConfigMapAsync("counted", "default");
        await client.CoreV1.ListNamespacedConfigMapAsync("default");
        await client.CoreV1.ReadNamespacedConfigMapAsync("counted", "default");

        var requests = _cluster.Server.Requests;
        Assert.Equal(2, requests.Count("get", "configmaps"));
        Assert.Equal(1, requests.Count("list", "configmaps"));
        Assert.Equal(2, requests.Count("create", "configmaps"));
        Assert.Equal(1, requests.Snapshot().Single(p => p.Key.Verb == "create" && p.Key.DryRun).Value);
        Assert.Equal(5, requests.Total);

        var (code, metrics) = await _cluster.SendAsync(HttpMethod.Get, "/debug/devcluster/requests");
        Assert.Equal(200, code);
        Assert.Equal(5, metrics!["total"]!.GetValue<long>());

        var text = await _cluster.Http.GetStringAsync("/metrics");
        Assert.Contains("devcluster_requests_total{verb=\"get\",group=\"\",resource=\"configmaps\",subresource=\"\",dry_run=\"false\"} 2", text);
        Assert.Contains("dry_run=\"true\"} 1", text);

        Assert.Equal(204, (await _cluster.SendAsync(HttpMethod.Delete, "/debug/devcluster/requests")).Code);
        Assert.Equal(0, requests.Total);
    }

    [Fact]
    public async Task The_request_log_keeps_arrival_order_with_names_until_reset()
    {
        var client = _cluster.Client;
        _cluster.Server.Requests.Reset();
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "first" } }, "default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "second" } }, "default", dryRun: "All");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("first", "default");

        var log = _cluster.Server.Requests.Log;

        // Names come from the request path: a create goes to the collection, so it has none.
        Assert.Equal(["create -", "create -", "delete first"], log.Select(r => $"{r.Key.Verb} {r.Name ?? "-"}"));
        Assert.True(log[1].Key.DryRun);
        Assert.All(log, r => Assert.Equal("default", r.Namespace));
        Assert.True(log[0].Sequence < log[1].Sequence && log[1].Sequence < log[2].Sequence);
        _cluster.Server.Requests.Reset();
        Assert.Empty(_cluster.Server.Requests.Log);
    }

    [Fact]
    public async Task Injected_errors_hit_only_the_chosen_verb_and_resource()
    {
        _cluster.Server.Faults.AddError(new ErrorFault("list", "configmaps", 503));
        var (code, status) = await _cluster.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps");
        Assert.Equal(503, code);
        Assert.Equal("ServiceUnavailable", status!["reason"]!.GetValue<string>());
        Assert.Equal(200, (await _cluster.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/secrets")).Code);

        Assert.Equal(204, (await _cluster.SendAsync(HttpMethod.Delete, "/debug/devcluster/faults")).Code);
        Assert.Equal(200, (await _cluster.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps")).Code);

        var (posted, faults) = await _cluster.SendAsync(HttpMethod.Post, "/debug/devcluster/faults", """{"errors":[{"verb":"get","resource":"namespaces","code":500,"rate":1}],"latencyMilliseconds":150}""");
        Assert.Equal(200, posted);
        Assert.Equal(150, faults!["latencyMilliseconds"]!.GetValue<int>());
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(500, (await _cluster.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default")).Code);
        Assert.True(started.ElapsedMilliseconds >= 140, $"latency was {started.ElapsedMilliseconds} ms");
        _cluster.Server.Faults.Clear();
    }

    [Fact]
    public async Task Refused_connections_recover_after_the_window()
    {
        // A window wide enough that a busy test machine still sends the first request inside it.
        _cluster.Server.Faults.RefuseConnectionsFor(TimeSpan.FromSeconds(3));
        using var fresh = new HttpClient { BaseAddress = _cluster.Server.BaseAddress };
        // Depending on when the abort lands, .NET reports it wrapped or as the raw socket error.
        var refused = await Record.ExceptionAsync(() => fresh.GetAsync("/version"));
        Assert.True(refused is HttpRequestException or SocketException, $"expected a refused connection, got {refused?.GetType().Name ?? "a response"}");
        await DevClusterFixture.WaitUntilAsync(async () =>
        {
            try
            {
                using var client = new HttpClient { BaseAddress = _cluster.Server.BaseAddress };
                return (await client.GetAsync("/version")).StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or SocketException)
            {
                return false;
            }
        }, "connections to be accepted again");
    }

    [Fact]
    public async Task Restart_keeps_state_and_port()
    {
        var before = _cluster.Server.BaseAddress;
        await _cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "survivor" } }, "default");
        await _cluster.Server.RestartAsync();
        Assert.Equal(before, _cluster.Server.BaseAddress);
        var read = await _cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("survivor", "default");
        Assert.Equal("survivor", read.Metadata.Name);
    }

    [Fact]
    public async Task Standalone_server_on_a_fixed_port_writes_the_requested_kubeconfig()
    {
        var port = FreePort();
        var path = Path.Combine(_cluster.Kubectl.Home, "out", "kubeconfig");
        await using var server = await DevClusterServer.StartAsync(new DevClusterOptions { Port = port, KubeconfigPath = path });
        Assert.Equal(port, server.BaseAddress.Port);
        Assert.Contains($"server: http://127.0.0.1:{port}", await File.ReadAllTextAsync(path));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
