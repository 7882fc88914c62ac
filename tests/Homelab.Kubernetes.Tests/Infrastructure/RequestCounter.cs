using System.Diagnostics.Metrics;
using Homelab.Kubernetes.Client;

namespace Homelab.Kubernetes.Tests.Infrastructure;

/// <summary>Listens to the request counter of one <see cref="RequestMetrics"/> instance.</summary>
internal static class RequestCounter
{
    public static MeterListener Listen(RequestMetrics metrics, Action<string, string> onRequest)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == metrics.Meter && instrument.Name == RequestMetrics.RequestCounterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string verb = "", resource = "";
            foreach (var tag in tags)
            {
                verb = tag.Key == "verb" ? (string)tag.Value! : verb;
                resource = tag.Key == "resource" ? (string)tag.Value! : resource;
            }

            onRequest(verb, resource);
        });
        listener.Start();
        return listener;
    }
}
