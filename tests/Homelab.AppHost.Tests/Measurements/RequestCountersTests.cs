namespace Homelab.AppHost.Tests.Measurements;

public sealed class RequestCountersTests
{
    private const string Before = """
        # TYPE devcluster_requests_total counter
        devcluster_requests_total{verb="get",group="coordination.k8s.io",resource="leases",subresource="",dry_run="false"} 10
        devcluster_requests_total{verb="list",group="apps",resource="deployments",subresource="",dry_run="false"} 4
        devcluster_requests_total{verb="patch",group="argoproj.io",resource="applications",subresource="status",dry_run="false"} 7
        """;

    [Fact]
    public void Only_requests_on_managed_kinds_count_against_the_steady_state()
    {
        var after = RequestCounters.Parse(Before
            .Replace("leases\",subresource=\"\",dry_run=\"false\"} 10", "leases\",subresource=\"\",dry_run=\"false\"} 16", StringComparison.Ordinal)
            .Replace("status\",dry_run=\"false\"} 7", "status\",dry_run=\"false\"} 9", StringComparison.Ordinal)
            + "\ndevcluster_requests_total{verb=\"watch\",group=\"\",resource=\"configmaps\",subresource=\"\",dry_run=\"false\"} 3"
            + "\ndevcluster_requests_total{verb=\"create\",group=\"\",resource=\"events\",subresource=\"\",dry_run=\"false\"} 2"
            + "\ndevcluster_requests_total{verb=\"patch\",group=\"kustomize.toolkit.fluxcd.io\",resource=\"kustomizations\",subresource=\"status\",dry_run=\"false\"} 5");

        var idle = after.Since(RequestCounters.Parse(Before));

        Assert.Equal(0, idle.OnManagedKinds);
        Assert.Equal(5, idle.Counts.Count);
    }

    [Fact]
    public void A_read_of_a_managed_kind_counts_and_shows_in_the_table()
    {
        var after = RequestCounters.Parse(Before.Replace("deployments\",subresource=\"\",dry_run=\"false\"} 4", "deployments\",subresource=\"\",dry_run=\"false\"} 6", StringComparison.Ordinal));

        var idle = after.Since(RequestCounters.Parse(Before));

        Assert.Equal(2, idle.OnManagedKinds);
        Assert.Contains("MANAGED       2  list apps/deployments", idle.Table(), StringComparison.Ordinal);
    }
}
