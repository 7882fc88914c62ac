using Homelab.Api.Crds;
using Homelab.Api.Installation;
using Homelab.DevCluster;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Homelab.Cli.Tests.EndToEnd;

/// <summary>
/// The real control plane in-process for the CLI: a dev cluster, a git daemon on loopback, and the
/// infrastructure and applications services built by their own <c>ServiceHost.Build</c> on loopback
/// ports with a token. The CLI reaches them exactly as a user would, through environment or apphost.json.
/// </summary>
public sealed class ServicesFixture : IAsyncLifetime
{
    public const string Token = "cli-e2e-token-0123456789";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"homelab-cli-e2e-{Guid.NewGuid():N}");
    private ClusterConnection? _connection;
    private WebApplication? _infrastructure;
    private WebApplication? _applications;
    private GitHttpServer? _gitServer;

    public DevClusterServer Cluster { get; private set; } = null!;

    public IClusterClient Client { get; private set; } = null!;

    internal GitRepositories Git { get; private set; } = null!;

    public Uri InfrastructureGrpc { get; private set; } = null!;

    public Uri ApplicationsGrpc { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "git"));
        Cluster = await DevClusterServer.StartAsync(new DevClusterOptions { SimulatorDelay = TimeSpan.FromMilliseconds(50) });
        _connection = ClusterConnection.FromKubeconfig(Cluster.KubeconfigPath);
        // Discovery refreshes at once: the CRDs are installed after the client first looks.
        Client = new ClusterClient(_connection, new RequestMetrics(), new DiscoveryOptions { MinRefreshInterval = TimeSpan.Zero });
        _gitServer = await GitHttpServer.StartAsync(Path.Combine(_root, "git"));
        Git = new GitRepositories(Path.Combine(_root, "git"), _gitServer);
        await new CrdInstaller(Client, TimeProvider.System).InstallAsync(CustomResourceDefinitions.All, new CrdInstallOptions(), CancellationToken.None);
        await ApplyAsync("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");

        (_infrastructure, InfrastructureGrpc) = await StartAsync(
            args => Homelab.Infrastructure.ServiceHost.Build(args.Args, args.Configure), "infrastructure");
        (_applications, ApplicationsGrpc) = await StartAsync(
            args => Homelab.Applications.ServiceHost.Build(args.Args, args.Configure), "applications");
    }

    /// <summary>The CLI's environment: both addresses and the token, as a user would export them.</summary>
    public CliEnvironment Environment(bool withToken = true)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOMELAB_INFRASTRUCTURE_SERVER"] = InfrastructureGrpc.ToString(),
            ["HOMELAB_APPLICATIONS_SERVER"] = ApplicationsGrpc.ToString(),
        };
        if (withToken)
        {
            variables["HOMELAB_TOKEN"] = Token;
        }

        return new CliEnvironment(name => variables.GetValueOrDefault(name), _root);
    }

    /// <summary>Creates the objects; with <paramref name="keepExisting"/> an object that already exists is left as it is.</summary>
    public async Task ApplyAsync(string yaml, bool keepExisting = false)
    {
        foreach (var obj in YamlReader.ReadObjects(yaml, "test.yaml"))
        {
            try
            {
                await Client.CreateAsync(obj, new WriteOptions(), CancellationToken.None);
            }
            catch (AlreadyExistsException) when (keepExisting)
            {
                // The applications service creates the default AppProject itself, like Argo CD.
            }
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var app in new[] { _applications, _infrastructure })
        {
            if (app is not null)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await app.StopAsync(timeout.Token);
                await app.DisposeAsync();
            }
        }

        if (_gitServer is not null)
        {
            await _gitServer.DisposeAsync();
        }

        _connection?.Dispose();
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    private async Task<(WebApplication App, Uri Grpc)> StartAsync(Func<(string[] Args, Action<IConfigurationBuilder> Configure), WebApplication> build, string name)
    {
        var grpc = new Uri($"http://127.0.0.1:{FreePort.Pick()}");
        var settings = new Dictionary<string, string?>
        {
            ["Kubernetes:Kubeconfig"] = Cluster.KubeconfigPath,
            ["Endpoints:Http"] = $"http://127.0.0.1:{FreePort.Pick()}",
            ["Endpoints:Grpc"] = grpc.ToString(),
            // Both services' appsettings.json land in this one output folder: say what either needs.
            ["Applications:Namespace"] = "argocd",
            ["Api:Token"] = Token,
            ["Controllers:LeaderElection:Enabled"] = "false",
            ["Git:CacheDirectory"] = Path.Combine(_root, name, "git-cache"),
            ["Git:Snapshots:Directory"] = Path.Combine(_root, name, "snapshots"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var app = build(([], configuration => configuration.AddInMemoryCollection(settings)));
        await app.StartAsync();
        return (app, grpc);
    }

    internal static KubeObject Parse(string yaml) => YamlReader.ReadObjects(yaml, "test.yaml").Single();
}
