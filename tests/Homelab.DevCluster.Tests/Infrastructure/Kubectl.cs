using Homelab.Manifests.Tools;

namespace Homelab.DevCluster.Tests.Infrastructure;

/// <summary>
/// Runs the pinned kubectl against the dev cluster only: its kubeconfig, a private HOME and cache
/// dir, so the machine's own config and discovery cache are never read or written.
/// </summary>
public sealed class Kubectl : IDisposable
{
    private readonly string _kubeconfig;
    private readonly string _home = Directory.CreateTempSubdirectory("devcluster-kubectl-").FullName;
    private readonly string _binary = KubeToolLocator.Pinned.Locate(KubeTool.Kubectl);

    public Kubectl(string kubeconfig)
    {
        _kubeconfig = kubeconfig;
    }

    public string Home => _home;

    public Task<ProcessResult> RunAsync(params string[] args) => RunAsync(args, stdin: null);

    public async Task<ProcessResult> RunAsync(string[] args, string? stdin, IReadOnlyDictionary<string, string?>? extraEnvironment = null, TimeSpan? timeout = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = _home,
            ["KUBECONFIG"] = _kubeconfig,
            ["KUBECACHEDIR"] = Path.Combine(_home, "cache"),
        };
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        string[] all = ["--kubeconfig", _kubeconfig, "--cache-dir", Path.Combine(_home, "cache"), .. args];
        return await ProcessRunner.RunAsync(_binary, all, _home, environment, timeout ?? TimeSpan.FromSeconds(60), stdin);
    }

    /// <summary>Runs kubectl and fails the test with its output when it does not succeed.</summary>
    public async Task<string> SucceedAsync(params string[] args) => await SucceedWithInputAsync(null, args);

    public async Task<string> SucceedWithInputAsync(string? stdin, params string[] args)
    {
        var result = await RunAsync(args, stdin);
        Assert.True(result.Succeeded, $"kubectl {string.Join(' ', args)} failed ({result.ExitCode}):\n{result.StandardError}\n{result.StandardOutput}");
        return result.StandardOutput;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
