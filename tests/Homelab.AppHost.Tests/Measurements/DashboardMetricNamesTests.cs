namespace Homelab.AppHost.Tests.Measurements;

public sealed class DashboardMetricNamesTests
{
    [Theory]
    [InlineData("""histogram_quantile(0.95, sum by (le, kind) (rate(gotk_reconcile_duration_seconds_bucket[$__rate_interval])))""", "gotk_reconcile_duration_seconds_bucket")]
    [InlineData("""count(gotk_resource_info{customresource_kind="Kustomization",ready!="True"}) or vector(0)""", "gotk_resource_info")]
    [InlineData("""sum by (kind, namespace, name) (rate(a_sum[5m])) / sum by (kind, namespace, name) (rate(a_count[5m]))""", "a_count,a_sum")]
    [InlineData("""max by (name, project, dest_namespace, sync_status, health_status, operation) (argocd_app_info)""", "argocd_app_info")]
    [InlineData("""sum by (name) (increase(argocd_app_sync_total{phase=~"Error|Failed"}[1h])) > 0""", "argocd_app_sync_total")]
    public void Reads_metric_names_not_functions_labels_or_literals(string promQl, string expected)
    {
        Assert.Equal(expected.Split(','), DashboardMetricNames.InExpression(promQl).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_dashboard_of_the_example_reads_some_metric()
    {
        var dashboards = Directory.GetFiles(Path.Combine(Resources.ServiceAssemblies.RepositoryRoot, "infrastructure", "monitoring", "dashboards"), "*.json");

        Assert.NotEmpty(dashboards);
        Assert.All(dashboards, file => Assert.NotEmpty(DashboardMetricNames.Read(file)));
    }
}
