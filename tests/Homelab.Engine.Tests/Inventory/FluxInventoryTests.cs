using System.Text.Json.Nodes;
using Homelab.Engine.Inventory;
using Homelab.Manifests;
using Homelab.Manifests.Objects;
using static Homelab.Engine.Tests.Objects;

namespace Homelab.Engine.Tests.Inventory;

public sealed class FluxInventoryTests
{
    private static readonly IReadOnlyList<KubeObject> Rendered = YamlAll("""
        apiVersion: v1
        kind: Namespace
        metadata: {name: podinfo}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: podinfo, namespace: podinfo}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: podinfo, namespace: podinfo}
        """);

    [Fact]
    public void Entries_use_flux_ids_sorted()
    {
        var inventory = FluxInventory.FromObjects(Rendered);

        Assert.Equal(
            ["_podinfo__Namespace v1", "podinfo_podinfo__Service v1", "podinfo_podinfo_apps_Deployment v1"],
            inventory.Entries.Select(e => $"{e.Id} {e.Version}"));
        Assert.True(inventory.Contains(new ObjectId("apps", "Deployment", "podinfo", "podinfo")));
        Assert.Equal(new ObjectId("", "Namespace", null, "podinfo"), inventory.Entries[0].ObjectId);
    }

    [Fact]
    public void Round_trips_through_the_status_shape()
    {
        var status = FluxInventory.FromObjects(Rendered).ToStatus();

        Assert.Equal(
            """{"entries":[{"id":"_podinfo__Namespace","v":"v1"},{"id":"podinfo_podinfo__Service","v":"v1"},{"id":"podinfo_podinfo_apps_Deployment","v":"v1"}]}""",
            status.ToJsonString());
        var read = FluxInventory.FromStatus(JsonNode.Parse(status.ToJsonString()));
        Assert.Equal(FluxInventory.FromObjects(Rendered).Entries, read.Entries);
    }

    [Fact]
    public void Stale_entries_are_the_old_set_minus_the_new_ignoring_versions()
    {
        var old = FluxInventory.FromStatus(JsonNode.Parse("""
            {"entries":[
              {"id":"podinfo_podinfo_apps_Deployment","v":"v1"},
              {"id":"podinfo_podinfo_autoscaling_HorizontalPodAutoscaler","v":"v2beta2"},
              {"id":"podinfo_podinfo__Service","v":"v1"}]}
            """));
        var current = new FluxInventory([
            new FluxInventoryEntry("podinfo_podinfo_apps_Deployment", "v1"),
            new FluxInventoryEntry("podinfo_podinfo__Service", "v1"),
            new FluxInventoryEntry("podinfo_podinfo__ConfigMap", "v1"),
        ]);

        var stale = old.StaleComparedTo(current);

        Assert.Equal("podinfo_podinfo_autoscaling_HorizontalPodAutoscaler", Assert.Single(stale).Id);
        Assert.Empty(current.StaleComparedTo(current));
        Assert.Equal(3, current.StaleComparedTo(FluxInventory.Empty).Count);
    }

    [Fact]
    public void Missing_inventory_is_empty()
    {
        Assert.Empty(FluxInventory.FromStatus(null).Entries);
        Assert.Empty(FluxInventory.FromStatus(JsonNode.Parse("{}")).Entries);
    }

    [Theory]
    [InlineData("""{"entries":{}}""", "must be an object with an 'entries' list")]
    [InlineData("""[]""", "must be an object")]
    [InlineData("""{"entries":[{"v":"v1"}]}""", "has no id")]
    [InlineData("""{"entries":[{"id":"not-an-id","v":"v1"}]}""", "'not-an-id' is not a Flux inventory id")]
    public void Malformed_status_is_a_clear_error(string json, string message)
    {
        var error = Assert.Throws<ManifestException>(() => FluxInventory.FromStatus(JsonNode.Parse(json)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
