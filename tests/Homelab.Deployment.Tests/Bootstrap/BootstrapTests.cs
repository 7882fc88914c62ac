using System.Text;
using Homelab.Cli.Install;
using Homelab.Deployment.Tests.Fixtures;
using Homelab.DevCluster;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Deployment.Tests.Bootstrap;

/// <summary><c>homelab bootstrap</c> and <c>homelab uninstall</c> through the real CLI entry point against a dev cluster.</summary>
public sealed class BootstrapTests : IAsyncLifetime
{
    private const string Token = "bootstrap-test-token-0123456789";
    private static readonly string[] Writes = ["create", "update", "patch", "delete", "deletecollection"];

    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal) { ["HOMELAB_TEST_TOKEN"] = Token };
    private DevClusterServer _cluster = null!;
    private ClusterConnection _connection = null!;
    private RequestMetrics _metrics = null!;
    private IClusterClient _client = null!;

    public async Task InitializeAsync()
    {
        _cluster = await DevClusterServer.StartAsync(new DevClusterOptions { SimulatorDelay = TimeSpan.FromMilliseconds(50) });
        _connection = ClusterConnection.FromKubeconfig(_cluster.KubeconfigPath);
        _metrics = new RequestMetrics();
        _client = new ClusterClient(_connection, _metrics, new DiscoveryOptions { MinRefreshInterval = TimeSpan.Zero });
    }

    public async Task DisposeAsync()
    {
        _connection.Dispose();
        _metrics.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Bootstrap_installs_everything_and_a_second_run_writes_nothing()
    {
        var first = await BootstrapAsync("--apps-path", "applications", "--token-env", "HOMELAB_TEST_TOKEN");
        Assert.True(first.ExitCode == 0, first.ToString());

        foreach (var obj in InstallManifest.Objects())
        {
            Assert.True(await _client.TryGetAsync(ObjectReference.From(obj), default) is not null, $"{obj.Id} was not installed");
        }

        foreach (var name in InstallManifest.ServiceNames)
        {
            var deployment = await _client.GetAsync(new ObjectReference("apps/v1", "Deployment", "homelab-system", name), default);
            Assert.Equal(1, deployment.Get("status", "availableReplicas")!.GetValue<int>());
        }

        var secret = await _client.GetAsync(new ObjectReference("v1", "Secret", "homelab-system", "homelab-api-token"), default);
        Assert.Equal(Token, Encoding.UTF8.GetString(Convert.FromBase64String(secret.GetString("data", "token")!)));
        Assert.DoesNotContain(Token, first.Output + first.Error, StringComparison.Ordinal);

        var source = await _client.GetAsync(new ObjectReference("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-system", "homelab"), default);
        Assert.Equal("https://git.example/homelab.git", source.GetString("spec", "url"));
        Assert.Equal("develop", source.GetString("spec", "ref", "branch"));
        var root = await _client.GetAsync(new ObjectReference("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system", "homelab"), default);
        Assert.Equal("./clusters/home", root.GetString("spec", "path"));
        var app = await _client.GetAsync(new ObjectReference("argoproj.io/v1alpha1", "Application", "argocd", "homelab"), default);
        Assert.Equal("applications", app.GetString("spec", "source", "path"));
        Assert.Contains(app.Get("metadata", "managedFields")!.AsArray(), m => m!["manager"]!.GetValue<string>() == Installer.FieldManager);

        _cluster.Requests.Reset();
        var second = await BootstrapAsync("--apps-path", "applications", "--token-env", "HOMELAB_TEST_TOKEN");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("0 created, 0 configured", second.Output, StringComparison.Ordinal);
        var writes = _cluster.Requests.Log.Where(r => Writes.Contains(r.Key.Verb) && !r.Key.DryRun).Select(r => $"{r.Key} {r.Namespace}/{r.Name}").ToList();
        Assert.True(writes.Count == 0, "the second run wrote: " + string.Join(", ", writes));
    }

    [Fact]
    public async Task Without_a_token_one_is_generated_once_and_kept()
    {
        var first = await BootstrapAsync();
        Assert.True(first.ExitCode == 0, first.ToString());
        var reference = new ObjectReference("v1", "Secret", "homelab-system", "homelab-api-token");
        var generated = (await _client.GetAsync(reference, default)).GetString("data", "token")!;
        Assert.Equal(64, Encoding.UTF8.GetString(Convert.FromBase64String(generated)).Length);
        Assert.DoesNotContain(Encoding.UTF8.GetString(Convert.FromBase64String(generated)), first.Output, StringComparison.Ordinal);

        var second = await BootstrapAsync();

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(generated, (await _client.GetAsync(reference, default)).GetString("data", "token"));
    }

    [Fact]
    public async Task Refuses_while_flux_controllers_run_and_writes_nothing()
    {
        await CreateAsync("""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: flux-system
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: kustomize-controller
              namespace: flux-system
            spec:
              replicas: 1
              selector:
                matchLabels: {app: kustomize-controller}
              template:
                metadata:
                  labels: {app: kustomize-controller}
                spec:
                  containers:
                    - name: manager
                      image: ghcr.io/fluxcd/kustomize-controller:v1.5.0
            """);
        _cluster.Requests.Reset();

        var run = await BootstrapAsync();

        Assert.Equal(BootstrapCommand.ForeignControllersFound, run.ExitCode);
        Assert.Contains("Deployment flux-system/kustomize-controller (Flux)", run.Error, StringComparison.Ordinal);
        Assert.Contains("docs/operations.md", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_cluster.Requests.Log, r => Writes.Contains(r.Key.Verb));
        Assert.Null(await _client.TryGetAsync(new ObjectReference("v1", "Namespace", null, "homelab-system"), default));

        // Scaled to zero (the first takeover step), it no longer counts as live.
        await _client.PatchAsync(new ObjectReference("apps/v1", "Deployment", "flux-system", "kustomize-controller"), """{"spec":{"replicas":0}}""", PatchType.Merge, new WriteOptions(), default);
        var after = await BootstrapAsync();
        Assert.True(after.ExitCode == 0, after.ToString());
    }

    [Fact]
    public async Task Uninstall_removes_the_install_but_not_workloads_and_keeps_crds_unless_asked()
    {
        Assert.Equal(0, (await BootstrapAsync("--apps-path", "applications")).ExitCode);
        // What the root Kustomization applied (it carries Flux's marks): uninstall must leave it alone.
        await CreateAsync("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: workload
              namespace: default
              labels:
                kustomize.toolkit.fluxcd.io/name: homelab
                kustomize.toolkit.fluxcd.io/namespace: flux-system
            """);
        var kustomization = new ObjectReference("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system", "homelab");
        await _client.PatchAsync(kustomization, """{"metadata":{"finalizers":["finalizers.fluxcd.io"]}}""", PatchType.Merge, new WriteOptions(), default);

        var run = await CliRun.RunAsync(_variables, "uninstall", "--kubeconfig", _cluster.KubeconfigPath, "--timeout", "30s");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Null(await _client.TryGetAsync(new ObjectReference("v1", "Namespace", null, "homelab-system"), default));
        Assert.Null(await _client.TryGetAsync(kustomization, default));
        Assert.Null(await _client.TryGetAsync(new ObjectReference("argoproj.io/v1alpha1", "Application", "argocd", "homelab"), default));
        foreach (var clusterScoped in InstallManifest.Objects().Where(o => o.Namespace is null && o.Kind is not ("CustomResourceDefinition" or "Namespace")))
        {
            Assert.Null(await _client.TryGetAsync(ObjectReference.From(clusterScoped), default));
        }

        Assert.NotNull(await _client.TryGetAsync(new ObjectReference("v1", "ConfigMap", "default", "workload"), default));
        Assert.NotNull(await _client.TryGetAsync(new ObjectReference("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "kustomizations.kustomize.toolkit.fluxcd.io"), default));

        var withCrds = await CliRun.RunAsync(_variables, "uninstall", "--crds", "--kubeconfig", _cluster.KubeconfigPath, "--timeout", "30s");

        Assert.True(withCrds.ExitCode == 0, withCrds.ToString());
        Assert.Null(await _client.TryGetAsync(new ObjectReference("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "kustomizations.kustomize.toolkit.fluxcd.io"), default));
        Assert.NotNull(await _client.TryGetAsync(new ObjectReference("v1", "ConfigMap", "default", "workload"), default));
    }

    private Task<CliRun> BootstrapAsync(params string[] extra) => CliRun.RunAsync(
        _variables,
        ["bootstrap", "--repo", "https://git.example/homelab.git", "--branch", "develop", "--path", "clusters/home", "--kubeconfig", _cluster.KubeconfigPath, "--timeout", "30s", .. extra]);

    private async Task CreateAsync(string yaml)
    {
        foreach (var obj in YamlReader.ReadObjects(yaml, "test.yaml"))
        {
            await _client.CreateAsync(obj, new WriteOptions(), default);
        }
    }
}
