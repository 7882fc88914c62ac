using System.Diagnostics.Metrics;

namespace Homelab.Kubernetes.Client;

/// <summary>
/// Counts API requests by verb, resource and response code on the <c>Homelab.Kubernetes</c> meter, so
/// services can export them (e.g. as Argo's <c>argocd_app_k8s_request_total</c>).
/// </summary>
public sealed class RequestMetrics : IDisposable
{
    public const string MeterName = "Homelab.Kubernetes";
    public const string RequestCounterName = "homelab.kubernetes.requests";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;

    public RequestMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _requests = _meter.CreateCounter<long>(RequestCounterName, "{request}", "Kubernetes API requests by verb, resource and response code.");
    }

    internal Meter Meter => _meter;

    /// <param name="code">The HTTP status code, or 0 when no response arrived (connection refused, timeout).</param>
    public void Record(string verb, string resource, int code) =>
        _requests.Add(1, new KeyValuePair<string, object?>("verb", verb), new KeyValuePair<string, object?>("resource", resource), new KeyValuePair<string, object?>("code", code));

    public void Dispose() => _meter.Dispose();
}
