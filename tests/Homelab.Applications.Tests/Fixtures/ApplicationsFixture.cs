using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using InfrastructureHost = Homelab.Infrastructure.ServiceHost;
using Homelab.Api.Installation;
using Homelab.Controllers.Hosting;
using Homelab.Api.Crds;
using Homelab.DevCluster;
using Homelab.Kubernetes.Client;

namespace Homelab.Applications.Tests.Fixtures;

/// <summary>
/// What application tests share: a dev cluster with the Argo CD and Flux CRDs, a real git daemon on loopback
/// serving repositories made with <see cref="CreateRepository"/>, and <see cref="StartServiceAsync"/>
/// to run the real application service in-process against them. Use with <c>IClassFixture</c> or
/// create one per test (<c>await using</c>).
/// </summary>
public sealed class ApplicationsFixture : IAsyncLifetime, IAsyncDisposable
{
    public const string Token = "test-token-0123456789";

    /// <summary>The canonical repository URL prefix tests write in Applications; mapped to the git daemon.</summary>
    public const string CanonicalRepositoryPrefix = "https://git.example.test/homelab/";

    private readonly TempDirectory _temp = new();
    private readonly List<TestRepository> _repositories = [];
    private GitDaemonServer? _daemon;
    private DevClusterServer? _cluster;
    private ClusterConnection? _connection;

    public DevClusterServer Cluster => _cluster ?? throw new InvalidOperationException("the fixture is not initialized");

    public IClusterClient Client { get; private set; } = null!;

    public GitDaemonServer Git => _daemon ?? throw new InvalidOperationException("the fixture is not initialized");

    public async Task InitializeAsync()
    {
        _cluster = await DevClusterServer.StartAsync(new DevClusterOptions { SimulatorDelay = TimeSpan.FromMilliseconds(100) });
        _connection = ClusterConnection.FromKubeconfig(_cluster.KubeconfigPath);
        var installer = new ClusterClient(_connection, new RequestMetrics());
        await new CrdInstaller(installer, TimeProvider.System).InstallAsync(CustomResourceDefinitions.All, new CrdInstallOptions(), CancellationToken.None);
        // A fresh client: the installer's discovery was read before the CRDs existed.
        Client = new ClusterClient(_connection, new RequestMetrics());
        _daemon = await GitDaemonServer.StartAsync(_temp.Path);
    }

    /// <summary>A new repository served by the git daemon; its canonical URL is <see cref="CanonicalUrl"/>.</summary>
    public TestRepository CreateRepository(string name)
    {
        var repository = new TestRepository(_temp.Path, name);
        _repositories.Add(repository);
        return repository;
    }

    public static string CanonicalUrl(TestRepository repository) => CanonicalRepositoryPrefix + repository.Name;

    /// <summary>Commits files and pushes them to the served repository; returns the commit SHA.</summary>
    public static string CommitAndPush(TestRepository repository, string message, params (string Path, string Content)[] files)
    {
        var sha = repository.Commit(message, files);
        repository.Push();
        return sha;
    }

    /// <summary>
    /// Builds and starts the real service (<see cref="ServiceHost.Build"/>) on loopback ports against the
    /// dev cluster, with the API token set, every repository's canonical URL mapped to the git daemon,
    /// and optionally an infrastructure service address for gating. <paramref name="settings"/> win.
    /// </summary>
    public async Task<RunningService> StartServiceAsync(Uri? infrastructure = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = ServiceSettings("applications");
        for (var i = 0; i < _repositories.Count; i++)
        {
            values[$"Git:UrlMappings:{i}:From"] = CanonicalUrl(_repositories[i]);
            values[$"Git:UrlMappings:{i}:To"] = Git.UrlFor(_repositories[i].Name);
        }

        if (infrastructure is not null)
        {
            values["services:infrastructure:grpc:0"] = infrastructure.ToString();
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var app = ServiceHost.Build([], configuration => configuration.AddInMemoryCollection(values));
        await app.StartAsync();
        return new RunningService(app, app.GetEndpoint(ControlPlaneHostingExtensions.HttpEndpoint), app.GetEndpoint(ControlPlaneHostingExtensions.GrpcEndpoint), Token);
    }

    /// <summary>
    /// Starts the real infrastructure service (Flux kinds) in-process against the same dev cluster, for
    /// gating tests; pass its gRPC address to <see cref="StartServiceAsync"/>. Dispose it to stop.
    /// </summary>
    public async Task<WebApplication> StartInfrastructureAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = ServiceSettings("infrastructure");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var app = InfrastructureHost.Build([], configuration => configuration.AddInMemoryCollection(values));
        await app.StartAsync();
        // Its Flux CRDs are installed in the background: tests create Kustomizations right away.
        await app.Services.GetRequiredService<CrdInstallation>().Completed.WaitAsync(TimeSpan.FromSeconds(60));
        return app;
    }

    private Dictionary<string, string?> ServiceSettings(string service)
    {
        var id = service + "-" + Guid.NewGuid().ToString("N")[..8];
        return new Dictionary<string, string?>
        {
            ["Kubernetes:Kubeconfig"] = Cluster.KubeconfigPath,
            ["Endpoints:Http"] = "http://127.0.0.1:0",
            ["Endpoints:Grpc"] = "http://127.0.0.1:0",
            ["Api:Token"] = Token,
            ["Controllers:LeaderElection:Enabled"] = "false",
            ["Git:CacheDirectory"] = _temp.Sub(id + "/git-cache"),
            ["Git:Snapshots:Directory"] = _temp.Sub(id + "/snapshots"),
            ["Git:Timeout"] = "00:00:15",
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }

    public async Task DisposeAsync()
    {
        _daemon?.Dispose();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _connection?.Dispose();
        _temp.Dispose();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}
