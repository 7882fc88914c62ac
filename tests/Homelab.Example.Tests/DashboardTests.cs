using System.Text.Json.Nodes;
using Homelab.Example.Tests.Model;

namespace Homelab.Example.Tests;

/// <summary>The Grafana dashboards ship as labelled ConfigMaps and chart the metric names Homelab serves.</summary>
[Collection(ExampleHomelabCollection.Name)]
public sealed class DashboardTests(ExampleHomelabFixture fixture)
{
    private static readonly string[] Metrics =
    [
        "gotk_reconcile_duration_seconds", "gotk_resource_info", "controller_runtime_reconcile_total", "workqueue_depth",
        "argocd_app_info", "argocd_app_sync_total", "argocd_app_reconcile", "argocd_app_k8s_request_total", "argocd_git_request_total",
    ];

    [Fact]
    public void Dashboards_are_provisioned_from_a_generated_config_map_and_use_every_metric()
    {
        var monitoring = fixture.Homelab.FluxRenders.Single(r => r.Owner == "Kustomization flux-system/monitoring").Objects;
        var dashboards = Assert.Single(monitoring, o => o.Kind == "ConfigMap" && o.GetLabel("grafana_dashboard") == "1");
        Assert.StartsWith("grafana-dashboards-homelab-", dashboards.Name, StringComparison.Ordinal);

        var files = (dashboards.Get("data") as JsonObject)!.ToDictionary(p => p.Key, p => JsonNode.Parse(p.Value!.GetValue<string>())!);
        Assert.Equal(["homelab-applications.json", "homelab-infrastructure.json"], files.Keys.Order(StringComparer.Ordinal));
        var expressions = files.Values.SelectMany(d => d["panels"]!.AsArray()).SelectMany(p => p!["targets"]!.AsArray()).Select(t => t!["expr"]!.GetValue<string>()).ToList();
        Assert.All(Metrics, m => Assert.Contains(expressions, e => e.Contains(m, StringComparison.Ordinal)));
        Assert.All(files.Values, d => Assert.False(string.IsNullOrEmpty(d["uid"]?.GetValue<string>())));

        // Grafana mounts the generated (hash-suffixed) name, so kustomize must have rewritten the reference.
        var grafana = monitoring.Single(o => o.Kind == "Deployment" && o.Name == "grafana");
        var volumes = grafana.Get("spec", "template", "spec", "volumes")!.AsArray();
        Assert.Contains(volumes, v => v!["configMap"]?["name"]?.GetValue<string>() == dashboards.Name);
    }
}
