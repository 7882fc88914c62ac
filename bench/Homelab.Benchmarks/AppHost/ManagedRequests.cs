using System.Globalization;
using System.Text.RegularExpressions;

namespace Homelab.Benchmarks.AppHost;

/// <summary>
/// The dev cluster's <c>devcluster_requests_total</c> split into requests on managed kinds and the control
/// plane's bookkeeping (watches, Lease renewals, Events, and Flux's and Argo CD's own custom resources).
/// </summary>
internal sealed partial record ManagedRequests(IReadOnlyDictionary<string, long> Counts)
{
    public static async Task<ManagedRequests> ScrapeAsync(HttpClient http, Uri metrics, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Match sample in Sample().Matches(await http.GetStringAsync(metrics, cancellationToken)))
        {
            counts[sample.Groups["labels"].Value] = (long)double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return new ManagedRequests(counts);
    }

    /// <summary>Requests made since <paramref name="before"/>: (on managed kinds, everything else).</summary>
    public (long Managed, long Bookkeeping) Since(ManagedRequests before)
    {
        long managed = 0, bookkeeping = 0;
        foreach (var (labels, count) in Counts)
        {
            var delta = count - before.Counts.GetValueOrDefault(labels);
            if (IsManaged(labels))
            {
                managed += delta;
            }
            else
            {
                bookkeeping += delta;
            }
        }

        return (managed, bookkeeping);
    }

    private static bool IsManaged(string labels)
    {
        var verb = Label(labels, "verb");
        var group = Label(labels, "group");
        var resource = Label(labels, "resource");
        return verb != "watch"
            && !(group == "coordination.k8s.io" && resource == "leases")
            && !(group is "" or "events.k8s.io" && resource == "events")
            && !group.EndsWith(".fluxcd.io", StringComparison.Ordinal)
            && group != "argoproj.io";
    }

    private static string Label(string labels, string name) =>
        Regex.Match(labels, $"(?:^|,){name}=\"(?<v>[^\"]*)\"").Groups["v"].Value;

    [GeneratedRegex("""^devcluster_requests_total\{(?<labels>[^}]*)\}\s+(?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
