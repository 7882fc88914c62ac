using Homelab.DevCluster.Accounting;
using Homelab.DevCluster.Faults;
using Homelab.DevCluster.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Homelab.DevCluster;

/// <summary>
/// An in-memory, Kubernetes-API-compatible server on loopback. Start it, point kubectl or
/// KubernetesClient at <see cref="KubeconfigPath"/>, read <see cref="Requests"/> to measure API cost,
/// drive <see cref="Faults"/> for reliability tests, dispose to stop.
/// </summary>
public sealed class DevClusterServer : IAsyncDisposable
{
    private readonly ClusterState _state;
    private readonly string? _temporaryDirectory;
    private readonly SemaphoreSlim _restartGate = new(1, 1);
    private ApiListener _listener;

    private DevClusterServer(ClusterState state, ApiListener listener, string kubeconfigPath, string? temporaryDirectory)
    {
        _state = state;
        _listener = listener;
        KubeconfigPath = kubeconfigPath;
        _temporaryDirectory = temporaryDirectory;
    }

    /// <summary>The server's URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress => _listener.Address;

    public string KubeconfigPath { get; }

    /// <summary>Requests served, by verb and resource (the figures behind <c>devcluster_requests_total</c>).</summary>
    public RequestAccounting Requests => _state.Accounting;

    public FaultInjector Faults => _state.Faults;

    public static async Task<DevClusterServer> StartAsync(DevClusterOptions options, CancellationToken cancellationToken = default, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var state = new ClusterState(options, logger ?? NullLogger.Instance);
        DevClusterServer? server = null;
        var listener = await ApiListener.StartAsync(state, options.Port, ct => server!.RestartAsync(ct), cancellationToken);
        string? temporary = null;
        var kubeconfig = options.KubeconfigPath;
        if (kubeconfig is null)
        {
            temporary = Directory.CreateTempSubdirectory("devcluster-").FullName;
            kubeconfig = Path.Combine(temporary, "kubeconfig");
        }

        await KubeconfigWriter.WriteAsync(kubeconfig, listener.Address, cancellationToken);
        server = new DevClusterServer(state, listener, kubeconfig, temporary);
        return server;
    }

    /// <summary>Stops and restarts the listener on the same port, keeping every object (open watches end, as in a real restart).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await _restartGate.WaitAsync(cancellationToken);
        try
        {
            var port = _listener.Address.Port;
            _state.Store.CloseAllWatches();
            await _listener.DisposeAsync();
            _listener = await ApiListener.StartAsync(_state, port, RestartAsync, cancellationToken);
        }
        finally
        {
            _restartGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _state.Store.CloseAllWatches();
        await _listener.DisposeAsync();
        await _state.DisposeAsync();
        _restartGate.Dispose();
        if (_temporaryDirectory is not null)
        {
            try
            {
                Directory.Delete(_temporaryDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder left behind is harmless.
            }
        }
    }
}
