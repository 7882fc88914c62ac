using Grpc.Core;
using Grpc.Net.Client;
using Homelab.Api.Infrastructure.V1;
using Homelab.Controllers.Hosting;
using Homelab.Controllers.Tests.Infrastructure;
using Homelab.Kubernetes.Client;
using WriteOptions = Homelab.Kubernetes.Client.WriteOptions;
using Homelab.Manifests.Objects;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Homelab.Controllers.Tests.Hosting;

public sealed class ControlPlaneHostingTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Token = "s3cret-test-token";
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static KubeObject GizmoCrd => KubeObject.FromJson("""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"gizmos.test.homelab.dev"},
         "spec":{"group":"test.homelab.dev","scope":"Namespaced","names":{"plural":"gizmos","singular":"gizmo","kind":"Gizmo","listKind":"GizmoList"},
         "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
                      "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """);

    [Fact]
    public async Task The_service_installs_its_CRDs_leads_runs_its_controllers_and_guards_mutating_calls_with_the_token()
    {
        await using var app = await StartAsync(new()
        {
            ["Api:Token"] = Token,
            ["Controllers:LeaderElection:LeaseDuration"] = "00:00:02",
            ["Controllers:LeaderElection:RenewDeadline"] = "00:00:01",
            ["Controllers:LeaderElection:RetryPeriod"] = "00:00:00.200",
        });
        var manager = app.Services.GetRequiredService<ControllerManager>();
        await Eventually.TrueAsync(() => manager.IsLeader && manager.ControllersSynced, "leading with synced controllers");
        Assert.NotNull(await cluster.Client.TryGetAsync(new ObjectReference("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "gizmos.test.homelab.dev"), Ct));

        // The controller reconciles a Gizmo created now.
        var gizmo = KubeObject.FromJson("""{"apiVersion":"test.homelab.dev/v1","kind":"Gizmo","metadata":{"name":"g","namespace":"default"},"spec":{}}""");
        await cluster.Client.CreateAsync(gizmo, new WriteOptions(), Ct);
        var reconciler = app.Services.GetRequiredService<CountingReconciler>();
        await Eventually.TrueAsync(() => reconciler.Keys.Contains(new ObjectKey("default", "g")), "the Gizmo is reconciled");
        Assert.Same(app.Services.GetRequiredService<ControllerRegistry>().Get("hosted-gizmos"), reconciler.Registry.Get("hosted-gizmos"));

        using var http = new HttpClient { BaseAddress = app.GetEndpoint("http") };
        var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("controller_runtime_reconcile_total{controller=\"hosted-gizmos\",result=\"success\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("workqueue_depth{name=\"hosted-gizmos\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("leader_election_master_status{name=\"homelab-test-leader\"} 1", metrics, StringComparison.Ordinal);

        using var channel = GrpcChannel.ForAddress(app.GetEndpoint("grpc"));
        var client = new InfrastructureService.InfrastructureServiceClient(channel);
        var target = new ObjectRef { Kind = "Kustomization", Namespace = "flux-system", Name = "apps" };

        Assert.Equal("True", (await client.GetAsync(target)).Ready); // reads are open on loopback
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await client.SuspendAsync(target));
        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        Assert.Contains("bearer token", missing.Status.Detail, StringComparison.Ordinal);
        var wrong = await Assert.ThrowsAsync<RpcException>(async () => await client.SuspendAsync(target, Bearer("not-the-token")));
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        Assert.DoesNotContain(Token, wrong.Status.Detail, StringComparison.Ordinal);
        Assert.True((await client.SuspendAsync(target, Bearer(Token))).Suspended);
    }

    [Fact]
    public async Task Without_a_configured_token_every_mutating_call_is_refused_saying_how_to_set_one()
    {
        await using var app = await StartAsync(new() { ["Controllers:LeaderElection:Enabled"] = "false" });
        using var channel = GrpcChannel.ForAddress(app.GetEndpoint("grpc"));
        var client = new InfrastructureService.InfrastructureServiceClient(channel);
        var target = new ObjectRef { Kind = "Kustomization", Namespace = "flux-system", Name = "apps" };

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await client.SuspendAsync(target, Bearer("anything")));

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("Api__Token", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("True", (await client.GetAsync(target)).Ready);
    }

    [Fact]
    public void An_explicit_kubeconfig_that_does_not_exist_is_a_clear_error_and_KUBECONFIG_is_used_when_set()
    {
        var missing = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Kubernetes:Kubeconfig"] = "/nonexistent/kubeconfig" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => ClusterConnectionResolver.Resolve(missing));
        Assert.Contains("Kubernetes:Kubeconfig names '/nonexistent/kubeconfig'", error.Message, StringComparison.Ordinal);

        var fromVariable = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["KUBECONFIG"] = $"/nonexistent/a{Path.PathSeparator}{cluster.Server.KubeconfigPath}" }).Build();
        using var connection = ClusterConnectionResolver.Resolve(fromVariable);
        Assert.Equal(cluster.Server.BaseAddress.Port, connection.BaseAddress.Port);
    }

    private static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    private async Task<RunningApp> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kubernetes:Kubeconfig"] = cluster.Server.KubeconfigPath,
            ["Endpoints:Http"] = "http://127.0.0.1:0",
            ["Endpoints:Grpc"] = "http://127.0.0.1:0",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddControlPlane(new ControlPlaneDefinition("homelab-test", "homelab-test-leader", ["test-controller"], [GizmoCrd], 0, 0));
        builder.Services.AddController<CountingReconciler>(new ControllerOptions { Name = "hosted-gizmos", Group = "test.homelab.dev", Kind = "Gizmo" });
        var app = builder.Build();
        app.MapControlPlane();
        app.MapGrpcService<TestInfrastructureService>();
        await app.StartAsync();
        return new RunningApp(app);
    }

    /// <summary>Stops and disposes the application (releasing its lease) at the end of a test.</summary>
    private sealed class RunningApp(WebApplication app) : IAsyncDisposable
    {
        public IServiceProvider Services => app.Services;

        public Uri GetEndpoint(string name) => app.GetEndpoint(name);

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}

/// <summary>Records the keys it saw; depends on the registry as reconcilers that wake other kinds do.</summary>
public sealed class CountingReconciler(ControllerRegistry registry) : IReconciler
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ObjectKey, int> _keys = new();

    public ControllerRegistry Registry => registry;

    public ICollection<ObjectKey> Keys => _keys.Keys;

    public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        _keys.AddOrUpdate(key, 1, (_, n) => n + 1);
        return Task.FromResult(ReconcileResult.Done);
    }
}
