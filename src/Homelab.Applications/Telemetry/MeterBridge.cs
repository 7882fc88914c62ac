using System.Diagnostics.Metrics;
using System.Globalization;

namespace Homelab.Applications.Telemetry;

/// <summary>
/// Listens to instruments of one library meter and hands each measurement on with the values of chosen tags,
/// so it can be republished under Argo's metric names. Only meters created by this host's meter factory (their
/// scope) are followed, so another host in the same process is not counted twice.
/// </summary>
internal sealed class MeterBridge : IDisposable
{
    private readonly MeterListener _listener = new();

    public MeterBridge(IMeterFactory meterFactory, string meterName, params string[] instrumentNames)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && instrumentNames.Contains(instrument.Name) && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
    }

    /// <summary>
    /// Calls <paramref name="record"/> for each <typeparamref name="T"/> measurement with the values of
    /// <paramref name="tagNames"/> in that order ("" for a tag that is missing).
    /// </summary>
    public void On<T>(string[] tagNames, Action<T, string[]> record)
        where T : struct =>
        _listener.SetMeasurementEventCallback<T>((_, value, tags, _) => record(value, TagValues(tags, tagNames)));

    public void Start() => _listener.Start();

    public void Dispose() => _listener.Dispose();

    private static string[] TagValues(ReadOnlySpan<KeyValuePair<string, object?>> tags, string[] names)
    {
        var values = new string[names.Length];
        Array.Fill(values, "");
        foreach (var tag in tags)
        {
            var index = Array.IndexOf(names, tag.Key);
            if (index >= 0)
            {
                values[index] = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
            }
        }

        return values;
    }
}
