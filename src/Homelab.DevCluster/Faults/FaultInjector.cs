using Homelab.DevCluster.Storage;

namespace Homelab.DevCluster.Faults;

/// <summary>
/// Faults on request, for reliability tests: errors per verb/resource with a chosen status, added
/// latency, dropped watches, refused connections for a while, and (through the server) restarts.
/// </summary>
public sealed class FaultInjector(ObjectStore store, TimeProvider time, int seed)
{
    private readonly Lock _gate = new();
    private readonly Random _random = new(seed);
    private List<ErrorFault> _errors = [];
    private DateTimeOffset _refuseUntil = DateTimeOffset.MinValue;

    public TimeSpan Latency { get; set; }

    public IReadOnlyList<ErrorFault> Errors
    {
        get
        {
            lock (_gate)
            {
                return _errors;
            }
        }
    }

    public bool RefusingConnections => time.GetUtcNow() < _refuseUntil;

    public void AddError(ErrorFault fault)
    {
        lock (_gate)
        {
            _errors = [.. _errors, fault];
        }
    }

    public void RefuseConnectionsFor(TimeSpan duration) => _refuseUntil = time.GetUtcNow() + duration;

    /// <summary>Ends every open watch, as an API server restart or a load balancer timeout would.</summary>
    public void CloseWatches() => store.CloseAllWatches();

    public void Clear()
    {
        lock (_gate)
        {
            _errors = [];
        }

        Latency = TimeSpan.Zero;
        _refuseUntil = DateTimeOffset.MinValue;
    }

    /// <summary>The status code to fail this request with, or null to serve it.</summary>
    internal int? ErrorFor(string verb, string resource)
    {
        lock (_gate)
        {
            foreach (var fault in _errors)
            {
                if ((fault.Verb is null || fault.Verb == verb) && (fault.Resource is null || fault.Resource == resource)
                    && _random.NextDouble() < fault.Rate)
                {
                    return fault.StatusCode;
                }
            }
        }

        return null;
    }
}
