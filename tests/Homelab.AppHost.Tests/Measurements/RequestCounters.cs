using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Homelab.AppHost.Tests.Measurements;

/// <summary>One row of the dev cluster's <c>devcluster_requests_total</c>.</summary>
internal sealed record RequestKey(string Verb, string Group, string Resource, string Subresource, string DryRun)
{
    public override string ToString() =>
        $"{Verb} {(Group.Length > 0 ? Group + "/" : "")}{Resource}{(Subresource.Length > 0 ? "/" + Subresource : "")}{(DryRun == "true" ? " (dry run)" : "")}";
}

/// <summary>
/// The dev cluster's request counters as scraped from its <c>/metrics</c>, and what "steady state costs
/// nothing" means: no read or write on the kinds the control plane manages. Watches, Lease renewals, Events
/// and the control plane's own custom resources (Flux's and Argo CD's groups) are its bookkeeping, not
/// traffic caused by the managed objects, so they are left out.
/// </summary>
internal sealed partial class RequestCounters(IReadOnlyDictionary<RequestKey, long> counts)
{
    public IReadOnlyDictionary<RequestKey, long> Counts { get; } = counts;

    public static async Task<RequestCounters> ScrapeAsync(HttpClient http, Uri metrics, CancellationToken cancellationToken) =>
        Parse(await http.GetStringAsync(metrics, cancellationToken));

    public static RequestCounters Parse(string exposition)
    {
        var counts = new Dictionary<RequestKey, long>();
        foreach (Match match in Sample().Matches(exposition))
        {
            var key = new RequestKey(match.Groups["verb"].Value, match.Groups["group"].Value, match.Groups["resource"].Value, match.Groups["subresource"].Value, match.Groups["dry"].Value);
            counts[key] = (long)double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return new RequestCounters(counts);
    }

    /// <summary>What happened between <paramref name="before"/> and this snapshot (rows that did not move are left out).</summary>
    public RequestCounters Since(RequestCounters before) =>
        new(Counts
            .Select(c => (c.Key, Delta: c.Value - before.Counts.GetValueOrDefault(c.Key)))
            .Where(c => c.Delta != 0)
            .ToDictionary(c => c.Key, c => c.Delta));

    public long OnManagedKinds => Counts.Where(c => IsManaged(c.Key)).Sum(c => c.Value);

    public static bool IsManaged(RequestKey key) =>
        key.Verb != "watch"
        && !(key.Group == "coordination.k8s.io" && key.Resource == "leases")
        && !(key.Group is "" or "events.k8s.io" && key.Resource == "events")
        && !key.Group.EndsWith(".fluxcd.io", StringComparison.Ordinal)
        && key.Group != "argoproj.io";

    /// <summary>Every row, managed kinds marked, for a failure message or a report.</summary>
    public string Table()
    {
        var text = new StringBuilder();
        foreach (var (key, count) in Counts.OrderBy(c => c.Key.ToString(), StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {(IsManaged(key) ? "MANAGED" : "ignored"),-8} {count,6}  {key}");
        }

        return text.Length > 0 ? text.ToString() : "  (no requests)\n";
    }

    [GeneratedRegex("""^devcluster_requests_total\{verb="(?<verb>[^"]*)",group="(?<group>[^"]*)",resource="(?<resource>[^"]*)",subresource="(?<subresource>[^"]*)",dry_run="(?<dry>[^"]*)"\}\s+(?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
