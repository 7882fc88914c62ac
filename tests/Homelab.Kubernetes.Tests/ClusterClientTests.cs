using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Errors;
using Homelab.Kubernetes.Tests.Infrastructure;
using Homelab.Manifests.Objects;

namespace Homelab.Kubernetes.Tests;

public sealed class ClusterClientTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Manager = "homelab-test";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly ClusterClient _client = cluster.Client;

    private async Task<string> NamespaceAsync(string name)
    {
        await _client.ApplyAsync(Objects.Namespace(name), new ApplyOptions(Manager), Ct);
        return name;
    }

    [Fact]
    public async Task Get_of_a_missing_object_throws_NotFound_with_the_servers_message()
    {
        var ns = await NamespaceAsync("get-missing");
        var error = await Assert.ThrowsAsync<NotFoundException>(() => _client.GetAsync(new ObjectReference("v1", "ConfigMap", ns, "nope"), Ct));
        Assert.Equal("NotFound", error.Reason);
        Assert.Contains("configmaps \"nope\" not found", error.Message, StringComparison.Ordinal);
        Assert.Null(await _client.TryGetAsync(new ObjectReference("v1", "ConfigMap", ns, "nope"), Ct));
    }

    [Fact]
    public async Task Create_twice_throws_AlreadyExists_and_a_stale_replace_throws_Conflict()
    {
        var ns = await NamespaceAsync("create-twice");
        var created = await _client.CreateAsync(Objects.ConfigMap(ns, "cm"), new WriteOptions(Manager), Ct);
        Assert.NotNull(created.GetString("metadata", "uid"));

        await Assert.ThrowsAsync<AlreadyExistsException>(() => _client.CreateAsync(Objects.ConfigMap(ns, "cm"), new WriteOptions(Manager), Ct));

        var first = created.DeepClone();
        first.Body["data"] = new JsonObject { ["a"] = "2" };
        var replaced = await _client.ReplaceAsync(first, new WriteOptions(Manager), Ct);
        Assert.Equal("2", replaced.GetString("data", "a"));

        var stale = created.DeepClone(); // still carries the old resourceVersion
        stale.Body["data"] = new JsonObject { ["a"] = "3" };
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => _client.ReplaceAsync(stale, new WriteOptions(Manager), Ct));
        Assert.Contains("the object has been modified", conflict.Message, StringComparison.Ordinal);
        Assert.Equal("2", (await _client.GetAsync(ObjectReference.From(created), Ct)).GetString("data", "a"));
    }

    [Fact]
    public async Task An_invalid_object_throws_Invalid_with_causes_and_changes_nothing()
    {
        var ns = await NamespaceAsync("invalid");
        var error = await Assert.ThrowsAsync<InvalidException>(() => _client.CreateAsync(Objects.ConfigMap(ns, "Not_A_Valid_Name"), new WriteOptions(Manager), Ct));
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.NotEmpty(error.Causes);
        Assert.Contains(error.Causes, c => c.Field.Contains("name", StringComparison.Ordinal));
        Assert.Empty((await _client.ListAsync("v1", "ConfigMap", new ListOptions(ns), Ct)).Items);
    }

    [Fact]
    public async Task Server_side_apply_creates_and_updates_with_our_field_manager()
    {
        var ns = await NamespaceAsync("ssa");
        var created = await _client.ApplyAsync(Objects.ConfigMap(ns, "cm", """{"a":"1"}"""), new ApplyOptions(Manager), Ct);
        var entry = Assert.Single(created.Get("metadata", "managedFields")!.AsArray());
        Assert.Equal(Manager, entry!["manager"]!.GetValue<string>());
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());

        var updated = await _client.ApplyAsync(Objects.ConfigMap(ns, "cm", """{"a":"1","b":"2"}"""), new ApplyOptions(Manager), Ct);
        Assert.Equal("2", updated.GetString("data", "b"));
        Assert.Equal(created.GetString("metadata", "uid"), updated.GetString("metadata", "uid"));

        // Dropping a field we own removes it, as server-side apply promises.
        var shrunk = await _client.ApplyAsync(Objects.ConfigMap(ns, "cm", """{"b":"2"}"""), new ApplyOptions(Manager), Ct);
        Assert.Null(shrunk.Get("data", "a"));
    }

    [Fact]
    public async Task Dry_run_apply_answers_the_result_and_leaves_no_trace()
    {
        var ns = await NamespaceAsync("dry-run");
        var answered = await _client.ApplyAsync(Objects.ConfigMap(ns, "ghost"), new ApplyOptions(Manager, DryRun: true), Ct);
        Assert.Equal("1", answered.GetString("data", "a"));
        Assert.Null(await _client.TryGetAsync(new ObjectReference("v1", "ConfigMap", ns, "ghost"), Ct));

        var real = await _client.ApplyAsync(Objects.ConfigMap(ns, "real"), new ApplyOptions(Manager), Ct);
        var preview = await _client.ApplyAsync(Objects.ConfigMap(ns, "real", """{"a":"changed"}"""), new ApplyOptions(Manager, DryRun: true), Ct);
        Assert.Equal("changed", preview.GetString("data", "a"));
        var live = await _client.GetAsync(ObjectReference.From(real), Ct);
        Assert.Equal("1", live.GetString("data", "a"));
        Assert.Equal(real.GetString("metadata", "resourceVersion"), live.GetString("metadata", "resourceVersion"));

        await _client.DeleteAsync(ObjectReference.From(real), new DeleteOptions(DryRun: true), Ct);
        Assert.NotNull(await _client.TryGetAsync(ObjectReference.From(real), Ct));
    }

    [Fact]
    public async Task Apply_conflicts_with_another_manager_until_forced()
    {
        var ns = await NamespaceAsync("conflict");
        await _client.ApplyAsync(Objects.ConfigMap(ns, "cm", """{"a":"theirs"}"""), new ApplyOptions("someone-else"), Ct);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => _client.ApplyAsync(Objects.ConfigMap(ns, "cm", """{"a":"ours"}"""), new ApplyOptions(Manager), Ct));
        Assert.Contains(conflict.Causes, c => c.Reason == "FieldManagerConflict" && c.Field == ".data.a");
        Assert.Contains("someone-else", conflict.Message, StringComparison.Ordinal);

        var forced = await _client.ApplyAsync(Objects.ConfigMap(ns, "cm", """{"a":"ours"}"""), new ApplyOptions(Manager, Force: true), Ct);
        Assert.Equal("ours", forced.GetString("data", "a"));
    }

    [Fact]
    public async Task Merge_patch_list_by_label_and_delete_with_preconditions()
    {
        var ns = await NamespaceAsync("patch-delete");
        var cm = await _client.ApplyAsync(Objects.ConfigMap(ns, "one", labels: """{"tier":"web"}"""), new ApplyOptions(Manager), Ct);
        await _client.ApplyAsync(Objects.ConfigMap(ns, "two", labels: """{"tier":"db"}"""), new ApplyOptions(Manager), Ct);

        var patched = await _client.PatchAsync(ObjectReference.From(cm), """{"data":{"p":"x"}}""", PatchType.Merge, new WriteOptions("patcher"), Ct);
        Assert.Equal("x", patched.GetString("data", "p"));

        var web = await _client.ListAsync("v1", "ConfigMap", new ListOptions(ns, LabelSelector: "tier=web"), Ct);
        Assert.Equal("one", Assert.Single(web.Items).Name);
        Assert.Equal("ConfigMap", web.Items[0].Kind);
        Assert.NotEmpty(web.ResourceVersion);

        var wrongUid = new DeleteOptions(PropagationPolicy: "Background", PreconditionUid: "00000000-0000-0000-0000-000000000000");
        await Assert.ThrowsAsync<ConflictException>(() => _client.DeleteAsync(ObjectReference.From(cm), wrongUid, Ct));
        Assert.NotNull(await _client.TryGetAsync(ObjectReference.From(cm), Ct));

        var rightUid = new DeleteOptions(PropagationPolicy: "Background", PreconditionUid: cm.GetString("metadata", "uid"));
        Assert.True(await _client.DeleteAsync(ObjectReference.From(cm), rightUid, Ct));
        Assert.False(await _client.DeleteAsync(ObjectReference.From(cm), new DeleteOptions(), Ct));
    }

    [Fact]
    public async Task A_namespaced_kind_without_namespace_is_refused_before_any_request()
    {
        var obj = KubeObject.FromJson("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}""");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.ApplyAsync(obj, new ApplyOptions(Manager), Ct));
        Assert.Contains("namespaced", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_are_counted_by_verb_resource_and_code()
    {
        var ns = await NamespaceAsync("metrics");
        var counts = new List<(string Verb, string Resource, int Code)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == cluster.Metrics.Meter && instrument.Name == RequestMetrics.RequestCounterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var map = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            lock (counts)
            {
                counts.Add(((string)map["verb"]!, (string)map["resource"]!, (int)map["code"]!));
            }
        });
        listener.Start();

        await _client.ApplyAsync(Objects.ConfigMap(ns, "counted"), new ApplyOptions(Manager), Ct);
        await _client.TryGetAsync(new ObjectReference("v1", "ConfigMap", ns, "absent"), Ct);

        lock (counts)
        {
            Assert.Contains(("patch", "configmaps", 201), counts);
            Assert.Contains(("get", "configmaps", 404), counts);
        }
    }
}
