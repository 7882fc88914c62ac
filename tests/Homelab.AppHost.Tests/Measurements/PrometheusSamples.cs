namespace Homelab.AppHost.Tests.Measurements;

/// <summary>The sample names a <c>/metrics</c> page serves (a histogram serves <c>_bucket</c>, <c>_sum</c> and <c>_count</c>, not its own name).</summary>
internal static class PrometheusSamples
{
    public static async Task<IReadOnlySet<string>> ScrapeNamesAsync(HttpClient http, Uri metrics, CancellationToken cancellationToken)
    {
        var exposition = await http.GetStringAsync(metrics, cancellationToken);
        return exposition
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line[..line.IndexOfAny(['{', ' '])])
            .ToHashSet(StringComparer.Ordinal);
    }
}
