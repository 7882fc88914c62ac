using System.Diagnostics.Metrics;
using Homelab.Kubernetes.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Homelab.Deployment.Tests.Fixtures;

/// <summary>
/// Counts one in-process service's own API writes (create, update, patch, delete) other than to its Lease,
/// from the request counter its cluster client records on the meter of that service's IMeterFactory — so
/// two replicas in one process are told apart.
/// </summary>
internal sealed class InstanceWrites : IDisposable
{
    private static readonly HashSet<string> WriteVerbs = new(StringComparer.Ordinal) { "create", "update", "patch", "delete" };

    private readonly MeterListener _listener = new();
    private long _writes;

    public InstanceWrites(IServiceProvider services)
    {
        var meter = services.GetRequiredService<IMeterFactory>().Create(new MeterOptions(RequestMetrics.MeterName));
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == RequestMetrics.RequestCounterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? verb = null, resource = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "verb")
                {
                    verb = tag.Value as string;
                }
                else if (tag.Key == "resource")
                {
                    resource = tag.Value as string;
                }
            }

            if (verb is not null && WriteVerbs.Contains(verb) && resource?.Contains("lease", StringComparison.OrdinalIgnoreCase) != true)
            {
                Interlocked.Increment(ref _writes);
            }
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _writes);

    public void Dispose() => _listener.Dispose();
}
