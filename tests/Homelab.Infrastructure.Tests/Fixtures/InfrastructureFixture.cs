using Homelab.DevCluster;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;
using Homelab.Controllers.Hosting;
using Microsoft.Extensions.Configuration;

namespace Homelab.Infrastructure.Tests.Fixtures;

/// <summary>
/// One dev cluster and one git server (http-backend on loopback) per test class; services are started
/// per test with <see cref="StartServiceAsync"/> so each test sees a fresh reconciler. Tests keep apart by
/// using their own namespaces and repository names.
/// </summary>
public class InfrastructureFixture : IAsyncLifetime
{
    public const string Token = "test-api-token";

    private readonly RequestMetrics _metrics = new();
    private ClusterConnection? _connection;
    private int _services;

    public TempDirectory Temp { get; } = new();

    public DevClusterServer Cluster { get; private set; } = null!;

    /// <summary>A client of the test's own, to create objects and read what the service wrote.</summary>
    public IClusterClient Client { get; private set; } = null!;

    public GitHttpServer Git { get; private set; } = null!;

    protected virtual DevClusterOptions ClusterOptions => new()
    {
        SimulatorDelay = TimeSpan.FromMilliseconds(50),
        BookmarkInterval = TimeSpan.FromMilliseconds(500),
    };

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(Temp.Sub("served"));
        Cluster = await DevClusterServer.StartAsync(ClusterOptions);
        _connection = ClusterConnection.FromKubeconfig(Cluster.KubeconfigPath);
        Client = new ClusterClient(_connection, _metrics, new DiscoveryOptions { MinRefreshInterval = TimeSpan.Zero });
        Git = await GitHttpServer.StartAsync(Temp.Sub("served"));
    }

    /// <summary>A new bare repository on the (anonymous) git server.</summary>
    public GitTestRepository CreateRepository(string name) => new(Temp.Sub("served"), Temp.Path, name, Git.BaseUrl);

    /// <summary>
    /// Builds and starts the real service against the dev cluster on loopback ports, with the API token,
    /// leader election off and its own Git cache. <paramref name="settings"/> adds or overrides configuration.
    /// </summary>
    public async Task<RunningService> StartServiceAsync(IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _services);
        var config = new Dictionary<string, string?>
        {
            ["Kubernetes:Kubeconfig"] = Cluster.KubeconfigPath,
            ["Endpoints:Http"] = "http://127.0.0.1:0",
            ["Endpoints:Grpc"] = "http://127.0.0.1:0",
            ["Api:Token"] = Token,
            ["Controllers:LeaderElection:Enabled"] = "false",
            ["Git:CacheDirectory"] = Temp.Sub($"service-{id}/git-cache"),
            ["Git:Snapshots:Directory"] = Temp.Sub($"service-{id}/snapshots"),
            ["Git:Timeout"] = "00:00:15",
            ["Git:MaxAttempts"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var app = ServiceHost.Build([], builder => builder.AddInMemoryCollection(config));
        await app.StartAsync(cancellationToken);
        await WaitForCrdsAsync(cancellationToken);
        return new RunningService(app, app.GetEndpoint(ControlPlaneHostingExtensions.HttpEndpoint), app.GetEndpoint(ControlPlaneHostingExtensions.GrpcEndpoint), Token);
    }

    /// <summary>The service installs the Flux CRDs in the background at start; tests create objects only once they are served.</summary>
    private async Task WaitForCrdsAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        foreach (var (group, kind) in Homelab.Infrastructure.Sources.FluxKinds.All)
        {
            while (true)
            {
                try
                {
                    await Client.Discovery.ResolveAsync(group, kind, version: null, cancellationToken);
                    break;
                }
                catch (UnknownKindException) when (DateTime.UtcNow < deadline)
                {
                    Client.Discovery.Invalidate();
                    await Task.Delay(50, cancellationToken);
                }
            }
        }
    }

    /// <summary>Creates the objects in a YAML document (one or more) with the test's client.</summary>
    public async Task<IReadOnlyList<KubeObject>> CreateAsync(string yaml, CancellationToken cancellationToken = default)
    {
        var created = new List<KubeObject>();
        foreach (var obj in YamlReader.ReadObjects(yaml, "test.yaml"))
        {
            created.Add(await Client.CreateAsync(obj, new WriteOptions(), cancellationToken));
        }

        return created;
    }

    /// <summary>The object as the server has it now, or null.</summary>
    public Task<KubeObject?> GetAsync(string apiVersion, string kind, string @namespace, string name, CancellationToken cancellationToken = default) =>
        Client.TryGetAsync(new ObjectReference(apiVersion, kind, @namespace, name), cancellationToken);

    /// <summary>Polls the server until the object satisfies <paramref name="condition"/>; returns it.</summary>
    public async Task<KubeObject> WaitForAsync(string apiVersion, string kind, string @namespace, string name, Func<KubeObject, bool> condition, string what, TimeSpan? timeout = null)
    {
        KubeObject? last = null;
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            last = await GetAsync(apiVersion, kind, @namespace, name);
            if (last is not null && condition(last))
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"timed out waiting for {kind} {@namespace}/{name}: {what}; last seen status: {last?.Get("status")?.ToJsonString() ?? "(none)"}");
    }

    /// <summary>Creates a namespace for one test.</summary>
    public async Task<string> CreateNamespaceAsync(string name, CancellationToken cancellationToken = default)
    {
        await CreateAsync($"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n", cancellationToken);
        return name;
    }

    public virtual async Task DisposeAsync()
    {
        await Git.DisposeAsync();
        _connection?.Dispose();
        _metrics.Dispose();
        await Cluster.DisposeAsync();
        Temp.Dispose();
    }
}
