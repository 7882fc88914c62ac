using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;

namespace Homelab.Cli.Install;

/// <summary>
/// The cluster the install commands talk to, as kubectl finds it: <c>--kubeconfig</c>, else the first
/// existing file of <c>KUBECONFIG</c>, else <c>~/.kube/config</c>; <c>--context</c> picks a context.
/// </summary>
public sealed class ClusterTarget : IDisposable
{
    private readonly ClusterConnection _connection;
    private readonly RequestMetrics _metrics = new();

    private ClusterTarget(ClusterConnection connection)
    {
        _connection = connection;
        Client = new ClusterClient(connection, _metrics, new DiscoveryOptions { MinRefreshInterval = TimeSpan.Zero });
    }

    public IClusterClient Client { get; }

    public Uri Server => _connection.BaseAddress;

    public static ClusterTarget Open(string? kubeconfig, string? context, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var path = kubeconfig ?? FromEnvironment(environment)
            ?? throw new CommandFailedException("no kubeconfig: pass --kubeconfig FILE, set KUBECONFIG, or create ~/.kube/config");
        if (!File.Exists(path))
        {
            throw new CommandFailedException($"the kubeconfig '{path}' does not exist");
        }

        try
        {
            return new ClusterTarget(ClusterConnection.FromKubeconfig(path, context));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CommandFailedException($"the kubeconfig '{path}' cannot be used{(context is null ? "" : $" with context '{context}'")}: {e.Message}", e);
        }
    }

    private static string? FromEnvironment(CliEnvironment environment)
    {
        if (environment.Variable("KUBECONFIG") is { Length: > 0 } list)
        {
            return list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(File.Exists);
        }

        var home = environment.Variable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var path = Path.Combine(home, ".kube", "config");
        return File.Exists(path) ? path : null;
    }

    public void Dispose()
    {
        _connection.Dispose();
        _metrics.Dispose();
    }
}
