using System.Text.Json.Nodes;
using Homelab.Applications.ApplicationSets;
using Homelab.Applications.Tests.Fixtures;
using Homelab.Controllers;
using Homelab.Controllers.Metrics;
using Homelab.Controllers.Status;
using Homelab.Git.Fetching;
using Homelab.Git.Mapping;
using Homelab.Git.Snapshots;
using Homelab.Git.Webhooks;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;
using Microsoft.Extensions.DependencyInjection;

namespace Homelab.Applications.Tests.ApplicationSets;

/// <summary>
/// The ApplicationSet controller as the service registers it (<c>AddApplicationSets</c>), running against the
/// dev cluster and a git daemon on loopback, with the example homelab's repository URL mapped to the daemon.
/// A separate watch-backed cache lets tests wait on the cluster's state without polling the API.
/// </summary>
public sealed class ApplicationSetHarness : IAsyncDisposable
{
    public const string ExampleRepository = "https://github.com/homelab-dev/homelab";
    public const string Namespace = "argocd";

    private readonly ApplicationsFixture _fixture = new();
    private readonly CancellationTokenSource _stop = new();
    private ServiceProvider? _services;
    private ClusterCache? _observer;
    private Task? _running;

    public TestRepository Repository { get; private set; } = null!;

    public IClusterClient Client => _fixture.Client;

    public long ApplicationWrites => _fixture.Cluster.Requests.Count("create", "applications")
        + _fixture.Cluster.Requests.Count("patch", "applications")
        + _fixture.Cluster.Requests.Count("update", "applications")
        + _fixture.Cluster.Requests.Count("delete", "applications");

    public ApplicationSetRefresher Refresher => _services!.GetRequiredService<ApplicationSetRefresher>();

    public GitPushNotifier Pushes => _services!.GetRequiredService<GitPushNotifier>();

    public static async Task<ApplicationSetHarness> StartAsync(params (string Path, string Content)[] files)
    {
        var harness = new ApplicationSetHarness();
        await harness.InitializeAsync(files);
        return harness;
    }

    private async Task InitializeAsync((string Path, string Content)[] files)
    {
        await _fixture.InitializeAsync();
        // The fixture's client resolved kinds before the CRDs were installed; look again.
        Client.Discovery.Invalidate();
        Repository = _fixture.CreateRepository("homelab");
        ApplicationsFixture.CommitAndPush(Repository, "initial", files);
        await Client.ApplyAsync(KubeObject.FromJson("""{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "argocd"}}"""), new ApplyOptions("test"), CancellationToken.None);

        var temp = Path.Combine(Path.GetTempPath(), "homelab-appset-tests", Guid.NewGuid().ToString("N")[..12]);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(Client)
            .AddSingleton(_ => new ClusterCache(Client, new CacheOptions()))
            .AddSingleton(new ControllerMetrics(new Prometheus.CollectorRegistry()))
            .AddSingleton<StatusWriter>()
            .AddSingleton(_ => new GitSourceClient(new GitSourceOptions
            {
                CacheDirectory = Path.Combine(temp, "cache"),
                MaxAttempts = 1,
                UrlMappings = [new UrlMapping { From = ExampleRepository, To = _fixture.Git.UrlFor(Repository.Name) }],
            }, TimeProvider.System))
            .AddSingleton(new SnapshotStore(new SnapshotOptions { Directory = Path.Combine(temp, "snapshots") }, TimeProvider.System))
            .AddSingleton<GitPushNotifier>();
        services.AddApplicationSets();
        _services = services.BuildServiceProvider();
        var controller = _services.GetRequiredService<ControllerRegistry>().Get(ApplicationSetServiceCollectionExtensions.ControllerName);
        _running = controller.RunAsync(_stop.Token);

        // Keeps our managedFields entries, so tests can see who wrote an Application.
        _observer = new ClusterCache(Client, new CacheOptions { OwnManagers = new HashSet<string>(StringComparer.Ordinal) { ApplicationSetWriter.FieldManager } });
        await _observer.WatchAsync("argoproj.io", "Application", CancellationToken.None);
        await _observer.WatchAsync("argoproj.io", "ApplicationSet", CancellationToken.None);
        await _observer.WaitForSyncAsync(CancellationToken.None);
    }

    /// <summary>The example homelab's <c>applications/apps/stacks.yaml</c>, exactly as committed in this repository.</summary>
    public static KubeObject ExampleStacksApplicationSet()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Homelab.sln")))
        {
            directory = directory.Parent;
        }

        var path = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("repository root not found"), "applications", "apps", "stacks.yaml");
        return Assert.Single(YamlReader.ReadObjects(File.ReadAllText(path), path));
    }

    public Task ApplyAsync(KubeObject obj) => Client.ApplyAsync(obj, new ApplyOptions("test", Force: true), CancellationToken.None);

    public IReadOnlyList<KubeObject> Applications() => _observer!.List("argoproj.io", "Application", Namespace);

    public KubeObject? ApplicationSet(string name) => _observer!.Get(new ObjectId("argoproj.io", "ApplicationSet", Namespace, name));

    public IReadOnlyList<string> ApplicationNames() => [.. Applications().Select(a => a.Name).Order(StringComparer.Ordinal)];

    public static JsonObject? Condition(KubeObject? applicationSet, string type) =>
        (applicationSet?.Get("status", "conditions") as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        if (_observer is not null)
        {
            await _observer.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _fixture.DisposeAsync();
        _stop.Dispose();
    }
}
