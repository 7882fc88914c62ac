using System.Text.Json.Nodes;
using Homelab.Api.Crds;
using Homelab.Api.Installation;
using Homelab.DevCluster;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Tools;
using Homelab.Manifests.Yaml;

namespace Homelab.Example.Tests.Cluster;

/// <summary>
/// The dev cluster plus the pinned kubectl, with a private cache dir so the machine's own kubeconfig
/// and discovery cache are never touched. The Flux and Argo CD CRDs are installed first, with Homelab's
/// own installer, exactly as the control plane installs them.
/// </summary>
public sealed class DryRunCluster : IAsyncDisposable
{
    private static readonly TimeSpan KubectlTimeout = TimeSpan.FromSeconds(30);

    private readonly DevClusterServer _server;
    private readonly string _home;
    private readonly string _kubectl = KubeToolLocator.Pinned.Locate(KubeTool.Kubectl);

    private DryRunCluster(DevClusterServer server, string home)
    {
        _server = server;
        _home = home;
    }

    public static async Task<DryRunCluster> StartAsync(CancellationToken cancellationToken)
    {
        var server = await DevClusterServer.StartAsync(new DevClusterOptions(), cancellationToken);
        var cluster = new DryRunCluster(server, Directory.CreateTempSubdirectory("example-homelab-kubectl-").FullName);
        using var connection = ClusterConnection.FromKubeconfig(server.KubeconfigPath);
        using var metrics = new RequestMetrics();
        var installer = new CrdInstaller(new ClusterClient(connection, metrics), TimeProvider.System);
        await installer.InstallAsync(CustomResourceDefinitions.All, new CrdInstallOptions(), cancellationToken);
        return cluster;
    }

    /// <summary>Really creates the namespaces (a dry run into a missing namespace fails).</summary>
    public async Task CreateNamespacesAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var manifest = YamlWriter.Write(names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(n =>
            new KubeObject(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = n } })));
        var file = Path.Combine(_home, "namespaces.yaml");
        await File.WriteAllTextAsync(file, manifest, cancellationToken);
        await SucceedAsync(["apply", "--server-side", "-f", file], cancellationToken);
    }

    /// <summary>One server-side dry-run apply of all the objects; returns kubectl's result for the caller to judge.</summary>
    public async Task<ProcessResult> DryRunApplyAsync(IReadOnlyList<KubeObject> objects, string? defaultNamespace, CancellationToken cancellationToken)
    {
        var file = Path.Combine(_home, $"render-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, YamlWriter.Write(objects), cancellationToken);
        string[] args = ["apply", "--server-side", "--dry-run=server", "--field-manager=homelab-example-test", "-f", file];
        return await RunAsync(defaultNamespace is null ? args : [.. args, "--namespace", defaultNamespace], cancellationToken);
    }

    private async Task SucceedAsync(string[] args, CancellationToken cancellationToken)
    {
        var result = await RunAsync(args, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed ({result.ExitCode}): {result.StandardError}");
        }
    }

    private Task<ProcessResult> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var cache = Path.Combine(_home, "cache");
        var environment = new Dictionary<string, string?> { ["HOME"] = _home, ["KUBECONFIG"] = _server.KubeconfigPath };
        string[] all = ["--kubeconfig", _server.KubeconfigPath, "--cache-dir", cache, .. args];
        return ProcessRunner.RunAsync(_kubectl, all, _home, environment, KubectlTimeout, standardInput: null, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
