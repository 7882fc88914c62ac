using System.Text.Json.Nodes;
using Homelab.Controllers.Status;
using Homelab.Controllers.Tests.Infrastructure;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Errors;

namespace Homelab.Controllers.Tests.Status;

public sealed class StatusWriterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Status_is_written_through_the_subresource_leaving_spec_and_generation_alone()
    {
        var ns = await cluster.CreateNamespaceAsync("status");
        var created = await cluster.Client.CreateAsync(Widgets.New(ns, "w", size: "small"), new WriteOptions(), Ct);
        var writer = new StatusWriter(cluster.Client);

        // A stale copy with another spec: only its status may reach the server.
        var stale = created.DeepClone();
        stale.Body["spec"] = new JsonObject { ["size"] = "huge" };
        var written = await writer.PatchStatusAsync(stale, new JsonObject { ["observedGeneration"] = 1, ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True" }) }, Ct);
        await writer.PatchStatusAsync(written, new JsonObject { ["lastHandledReconcileAt"] = "now" }, Ct);

        var stored = await cluster.Client.GetAsync(ObjectReference.From(created), Ct);
        Assert.Equal("small", stored.GetString("spec", "size"));
        Assert.Equal(created.Get("metadata", "generation")!.GetValue<long>(), stored.Get("metadata", "generation")!.GetValue<long>());
        Assert.Equal(1, stored.Get("status", "observedGeneration")!.GetValue<long>());
        Assert.Equal("Ready", ((JsonArray)stored.Get("status", "conditions")!)[0]!["type"]!.GetValue<string>());
        Assert.Equal("now", stored.GetString("status", "lastHandledReconcileAt"));
        var statusPatches = cluster.Server.Requests.Snapshot()
            .Where(r => r.Key is { Verb: "patch", Resource: "widgets", Subresource: "status" }).Sum(r => r.Value);
        Assert.True(statusPatches >= 2, $"status patches seen by the server: {statusPatches}");
    }

    [Fact]
    public async Task Writing_the_status_of_a_deleted_object_throws_NotFound()
    {
        var ns = await cluster.CreateNamespaceAsync("gone");
        var writer = new StatusWriter(cluster.Client);

        await Assert.ThrowsAsync<NotFoundException>(() => writer.PatchStatusAsync(Widgets.New(ns, "missing"), new JsonObject { ["x"] = 1 }, Ct));
    }

    [Fact]
    public async Task A_merge_patch_from_the_stored_status_removes_fields_that_disappeared_at_any_depth()
    {
        var ns = await cluster.CreateNamespaceAsync("merge");
        var created = await cluster.Client.CreateAsync(Widgets.New(ns, "w"), new WriteOptions(), Ct);
        var writer = new StatusWriter(cluster.Client);
        var progressing = new JsonObject
        {
            ["health"] = new JsonObject { ["status"] = "Progressing", ["message"] = "Deployment/web: waiting for rollout" },
            ["operationState"] = new JsonObject { ["phase"] = "Running" },
        };
        await writer.PatchStatusAsync(created, progressing, Ct);

        var healthy = new JsonObject { ["health"] = new JsonObject { ["status"] = "Healthy" } };
        await writer.PatchStatusAsync(created, MergePatch.Replacing(progressing, healthy), Ct);

        var stored = await cluster.Client.GetAsync(ObjectReference.From(created), Ct);
        Assert.Equal("""{"health":{"status":"Healthy"}}""", stored.Get("status")!.ToJsonString());
    }
}
