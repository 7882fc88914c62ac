using Homelab.Kubernetes.Caching;
using Homelab.Manifests.Objects;

namespace Homelab.Controllers.Tests.Controllers;

public sealed class EventFiltersTests
{
    private static KubeObject Widget(long? generation, string? annotation = null, string? status = null, string? deletion = null, string data = "x")
    {
        var obj = KubeObject.FromJson($$$"""{"apiVersion":"test.homelab.dev/v1","kind":"Widget","metadata":{"name":"w","namespace":"n","resourceVersion":"{{{Guid.NewGuid()}}}"},"data":"{{{data}}}"}""");
        if (generation is { } g)
        {
            obj.Metadata!["generation"] = g;
        }

        if (annotation is not null)
        {
            obj.SetAnnotation("reconcile.fluxcd.io/requestedAt", annotation);
        }

        if (status is not null)
        {
            obj.Body["status"] = new System.Text.Json.Nodes.JsonObject { ["phase"] = status };
        }

        if (deletion is not null)
        {
            obj.Metadata!["deletionTimestamp"] = deletion;
        }

        return obj;
    }

    private static bool Updated(KubeObject before, KubeObject after) => EventFilters.Default(new CacheEvent(CacheEventType.Updated, after, before));

    [Fact]
    public void Adds_and_deletes_always_pass()
    {
        Assert.True(EventFilters.Default(new CacheEvent(CacheEventType.Added, Widget(1), null)));
        Assert.True(EventFilters.Default(new CacheEvent(CacheEventType.Deleted, Widget(1), Widget(1))));
    }

    [Fact]
    public void Updates_pass_for_generation_annotation_and_deletion_changes_but_not_for_status_only()
    {
        Assert.True(Updated(Widget(1), Widget(2)));
        Assert.True(Updated(Widget(1), Widget(1, annotation: "t1")));
        Assert.True(Updated(Widget(1), Widget(1, deletion: "2026-01-01T00:00:00Z")));
        Assert.False(Updated(Widget(1, status: "a"), Widget(1, status: "b")));
        Assert.False(Updated(Widget(1, annotation: "t1"), Widget(1, annotation: "t1", status: "b")));
    }

    [Fact]
    public void A_kind_without_generation_passes_any_change_outside_status()
    {
        Assert.True(Updated(Widget(null, data: "a"), Widget(null, data: "b")));
        Assert.False(Updated(Widget(null, status: "a"), Widget(null, status: "b")));
    }
}
