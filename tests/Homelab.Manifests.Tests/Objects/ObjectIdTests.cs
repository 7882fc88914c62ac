using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Tests.Objects;

public sealed class ObjectIdTests
{
    [Theory]
    [InlineData("apps", "Deployment", "media", "plex", "media_plex_apps_Deployment")]
    [InlineData("", "Namespace", null, "media", "_media__Namespace")]
    [InlineData("", "ConfigMap", "default", "settings", "default_settings__ConfigMap")]
    public void Flux_inventory_ids_round_trip(string group, string kind, string? ns, string name, string expected)
    {
        var id = new ObjectId(group, kind, ns, name);

        Assert.Equal(expected, id.ToFluxInventoryId());
        Assert.Equal(id, ObjectId.ParseFluxInventoryId(expected));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a_b_c")]
    [InlineData("ns__apps_Deployment")]
    public void Malformed_inventory_ids_are_rejected(string id) =>
        Assert.Throws<FormatException>(() => ObjectId.ParseFluxInventoryId(id));

    [Fact]
    public void Display_form_qualifies_non_core_groups()
    {
        Assert.Equal("Deployment.apps/media/plex", new ObjectId("apps", "Deployment", "media", "plex").ToString());
        Assert.Equal("Namespace/media", new ObjectId("", "Namespace", null, "media").ToString());
    }
}
