using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Homelab.Deployment.Tests.Fixtures;

/// <summary>
/// A real service in-process, configured as its Deployment in infrastructure/homelab-system configures it
/// (CRDs not installed by the service, leader election on in homelab-system, the token from a file), but
/// against a dev cluster and on loopback ports.
/// </summary>
internal sealed class InClusterService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _stopped;

    private InClusterService(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public static async Task<InClusterService> StartInfrastructureAsync(string kubeconfig, string stateDirectory, string identity, IReadOnlyDictionary<string, string?>? settings = null) =>
        await StartAsync(configure => Homelab.Infrastructure.ServiceHost.Build([], configure), kubeconfig, stateDirectory, identity, settings);

    public static async Task<InClusterService> StartApplicationsAsync(string kubeconfig, string stateDirectory, string identity, IReadOnlyDictionary<string, string?>? settings = null) =>
        await StartAsync(configure => Homelab.Applications.ServiceHost.Build([], configure), kubeconfig, stateDirectory, identity, settings);

    private static async Task<InClusterService> StartAsync(
        Func<Action<IConfigurationBuilder>, WebApplication> build, string kubeconfig, string stateDirectory, string identity, IReadOnlyDictionary<string, string?>? settings)
    {
        Directory.CreateDirectory(stateDirectory);
        var tokenFile = Path.Combine(stateDirectory, "token");
        await File.WriteAllTextAsync(tokenFile, "in-cluster-test-token\n");
        var config = new Dictionary<string, string?>
        {
            ["Kubernetes:Kubeconfig"] = kubeconfig,
            ["Endpoints:Http"] = "http://127.0.0.1:0",
            ["Endpoints:Grpc"] = "http://127.0.0.1:0",
            ["Api:TokenFile"] = tokenFile,
            ["Crds:Install"] = "false",
            ["Controllers:LeaderElection:Enabled"] = "true",
            ["Controllers:LeaderElection:LeaseNamespace"] = "homelab-system",
            ["Controllers:LeaderElection:Identity"] = identity,
            ["Controllers:LeaderElection:LeaseDuration"] = "00:00:03",
            ["Controllers:LeaderElection:RenewDeadline"] = "00:00:02",
            ["Controllers:LeaderElection:RetryPeriod"] = "00:00:00.500",
            ["Applications:Namespace"] = "argocd",
            ["Applications:RefreshInterval"] = "00:00:01",
            ["Git:CacheDirectory"] = Path.Combine(stateDirectory, "git"),
            ["Git:Snapshots:Directory"] = Path.Combine(stateDirectory, "snapshots"),
            ["Git:Timeout"] = "00:00:15",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var app = build(builder => builder.AddInMemoryCollection(config));
        await app.StartAsync();
        return new InClusterService(app);
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
