using Homelab.Controllers.Hosting;
using Homelab.Controllers.Leadership;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Homelab.Controllers;

/// <summary>
/// Runs every registered <see cref="Controller"/>: once the CRDs are installed, and (with leader election)
/// only while this replica holds the lease. When leadership is lost the controllers stop and the
/// replica campaigns again; a controller that fails (e.g. its kind is not served yet) restarts after a backoff.
/// </summary>
public sealed class ControllerManager : BackgroundService
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<Controller> _controllers;
    private readonly CrdInstallation _crds;
    private readonly LeaderElectionOptions _election;
    private readonly Func<LeaderElector> _electorFactory;
    private readonly TimeProvider _time;
    private readonly ILogger<ControllerManager> _logger;
    private LeaderElector? _elector;

    public ControllerManager(
        IEnumerable<Controller> controllers,
        CrdInstallation crds,
        LeaderElectionOptions election,
        Func<LeaderElector> electorFactory,
        TimeProvider time,
        ILogger<ControllerManager> logger)
    {
        ArgumentNullException.ThrowIfNull(controllers);
        ArgumentNullException.ThrowIfNull(crds);
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(electorFactory);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _controllers = [.. controllers];
        _crds = crds;
        _election = election;
        _electorFactory = electorFactory;
        _time = time;
        _logger = logger;
    }

    /// <summary>True while this replica runs the controllers: it holds the lease, or leader election is off (once CRDs are installed).</summary>
    public bool IsLeader => _election.Enabled ? _elector?.IsLeader ?? false : _crds.IsCompleted;

    /// <summary>True when every controller has loaded its cache and enqueued its objects.</summary>
    public bool ControllersSynced => _controllers.All(c => c.IsSynced);

    public IReadOnlyList<Controller> Controllers => _controllers;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _crds.Completed.WaitAsync(stoppingToken);
        if (!_election.Enabled)
        {
            _logger.LogInformation("Leader election is off: running {Count} controllers", _controllers.Count);
            await RunControllersAsync(stoppingToken);
            return;
        }

        _elector = _electorFactory();
        await _elector.RunAsync(RunControllersAsync, stoppingToken);
    }

    private Task RunControllersAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_controllers.Select(c => RunControllerAsync(c, cancellationToken)));

    private async Task RunControllerAsync(Controller controller, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await controller.RunAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Controller {Controller} stopped with an error; restarting in {Delay}", controller.Name, RestartDelay);
                try
                {
                    await Task.Delay(RestartDelay, _time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
