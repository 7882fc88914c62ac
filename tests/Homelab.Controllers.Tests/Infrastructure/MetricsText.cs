using System.Globalization;
using System.Text;
using Prometheus;

namespace Homelab.Controllers.Tests.Infrastructure;

/// <summary>Reads one sample from a prometheus-net registry's text exposition, as a scraper would see it.</summary>
public static class MetricsText
{
    public static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Waits until a sample has the expected value (metrics are recorded just after the work they count).</summary>
    public static async Task AssertEventuallyAsync(CollectorRegistry registry, double expected, string name, params string[] labels)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        double? actual;
        while ((actual = Value(await ExportAsync(registry), name, labels)) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(actual == expected, $"{name}{{{string.Join(",", labels)}}}: expected {expected}, got {actual?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}");
    }

    /// <summary>The value of the sample named <paramref name="name"/> whose labels include every one of <paramref name="labels"/> (e.g. <c>controller="x"</c>); null when absent.</summary>
    public static double? Value(string text, string name, params string[] labels)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name + "{", StringComparison.Ordinal) && !line.StartsWith(name + " ", StringComparison.Ordinal))
            {
                continue;
            }

            var labelEnd = line.LastIndexOf('}');
            var labelPart = labelEnd < 0 ? "" : line[..labelEnd];
            if (labels.All(l => labelPart.Contains(l, StringComparison.Ordinal)))
            {
                return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
