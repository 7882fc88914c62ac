using Homelab.Manifests.Tools;

namespace Homelab.Engine.IntegrationTests.Infrastructure;

/// <summary>
/// The pinned kubectl against the dev cluster only: its kubeconfig, a private HOME and cache dir, so
/// the machine's own config is never read or written.
/// </summary>
internal sealed class Kubectl(string kubeconfig) : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("engine-kubectl-").FullName;

    public async Task SucceedAsync(string stdin, params string[] args)
    {
        var cache = Path.Combine(_home, "cache");
        var environment = new Dictionary<string, string?> { ["HOME"] = _home, ["KUBECONFIG"] = kubeconfig, ["KUBECACHEDIR"] = cache };
        string[] all = ["--kubeconfig", kubeconfig, "--cache-dir", cache, .. args];
        var result = await ProcessRunner.RunAsync(KubeToolLocator.Pinned.Locate(KubeTool.Kubectl), all, _home, environment, TimeSpan.FromSeconds(60), stdin);
        Assert.True(result.Succeeded, $"kubectl {string.Join(' ', args)} failed ({result.ExitCode}):\n{result.StandardError}");
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
