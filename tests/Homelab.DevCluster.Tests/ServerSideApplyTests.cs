using System.Text.Json.Nodes;
using Homelab.DevCluster.Tests.Infrastructure;

namespace Homelab.DevCluster.Tests;

/// <summary>Server-side apply semantics over raw HTTP: ownership, conflicts, removal and shared list-maps.</summary>
public sealed class ServerSideApplyTests(DevClusterFixture cluster) : IClassFixture<DevClusterFixture>, IAsyncLifetime
{
    private const string Ns = "ssa";

    public async Task InitializeAsync() =>
        await cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"ssa\"}}");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Apply_on_a_missing_object_creates_it_with_201_and_records_the_applier()
    {
        var (code, body) = await ApplyAsync("configmaps", "created", "m", Config("created", ("a", "1")));
        Assert.Equal(201, code);
        var entry = Entry(body!, "m");
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());
        Assert.Equal("{\"f:data\":{\".\":{},\"f:a\":{}}}", entry["fieldsV1"]!.ToJsonString());

        var (again, _) = await ApplyAsync("configmaps", "created", "m", Config("created", ("a", "1")));
        Assert.Equal(200, again);
    }

    [Fact]
    public async Task Fields_a_manager_stops_applying_are_removed_unless_someone_else_owns_them()
    {
        await ApplyAsync("configmaps", "removal", "one", Config("removal", ("a", "1"), ("b", "2")));
        await ApplyAsync("configmaps", "removal", "two", Config("removal", ("b", "2")));

        var (_, body) = await ApplyAsync("configmaps", "removal", "one", Config("removal"));
        Assert.Equal("{\"b\":\"2\"}", body!["data"]!.ToJsonString());

        (_, body) = await ApplyAsync("configmaps", "removal", "two", Config("removal"));
        Assert.Null(body!["data"]);
    }

    [Fact]
    public async Task Ownership_transfers_when_both_managers_set_the_same_value_and_the_first_lets_go()
    {
        await ApplyAsync("configmaps", "transfer", "old", Config("transfer", ("k", "v")));
        var (code, _) = await ApplyAsync("configmaps", "transfer", "new", Config("transfer", ("k", "v")));
        Assert.Equal(200, code);
        var (_, body) = await ApplyAsync("configmaps", "transfer", "old", Config("transfer"));
        Assert.Equal("v", body!["data"]!["k"]!.GetValue<string>());
        Assert.Null(body["metadata"]!["managedFields"]!.AsArray().FirstOrDefault(e => e!["manager"]!.GetValue<string>() == "old"));
    }

    [Fact]
    public async Task Conflicts_with_update_managers_name_the_api_version_and_force_takes_over()
    {
        await cluster.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{Ns}/configmaps?fieldManager=editor", Config("conflict", ("a", "1"), ("b", "1")));
        var (code, status) = await ApplyAsync("configmaps", "conflict", "applier", Config("conflict", ("a", "2"), ("b", "2")));
        Assert.Equal(409, code);
        Assert.Equal("Apply failed with 2 conflicts: conflicts with \"editor\" using v1:\n- .data.a\n- .data.b", status!["message"]!.GetValue<string>());
        Assert.Equal(2, status["details"]!["causes"]!.AsArray().Count);

        var (forced, body) = await ApplyAsync("configmaps", "conflict", "applier", Config("conflict", ("a", "2"), ("b", "2")), force: true);
        Assert.Equal(200, forced);
        Assert.Equal("{\"a\":\"2\",\"b\":\"2\"}", body!["data"]!.ToJsonString());
        // The editor keeps only the map itself (f:data: {}), no longer its keys.
        Assert.Equal("{\"f:data\":{}}", Entry(body, "editor")["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public async Task Two_managers_share_list_maps_by_their_keys()
    {
        await ApplyAsync("deployments", "shared", "base", Deployment("shared", """
            [{"name":"app","image":"app:1","ports":[{"containerPort":80}],"env":[{"name":"A","value":"1"}]}]
            """), group: "apps");
        var (code, body) = await ApplyAsync("deployments", "shared", "sidecar", Deployment("shared", """
            [{"name":"app","env":[{"name":"B","value":"2"}],"ports":[{"containerPort":9090,"protocol":"TCP"}]},{"name":"proxy","image":"proxy:1"}]
            """), group: "apps");
        Assert.Equal(200, code);
        var containers = body!["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["app", "proxy"], containers.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(["A", "B"], containers[0]!["env"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
        Assert.Equal([80, 9090], containers[0]!["ports"]!.AsArray().Select(p => p!["containerPort"]!.GetValue<int>()));
        var sidecar = Entry(body, "sidecar")["fieldsV1"]!["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!.AsObject();
        Assert.Equal(["k:{\"name\":\"app\"}", "k:{\"name\":\"proxy\"}"], sidecar.Select(p => p.Key));
        Assert.True(sidecar["k:{\"name\":\"app\"}"]!["f:ports"]!.AsObject().ContainsKey("k:{\"containerPort\":9090,\"protocol\":\"TCP\"}"));

        // The base manager drops its env var: only its own item goes, the sidecar's stays.
        (_, body) = await ApplyAsync("deployments", "shared", "base", Deployment("shared", """
            [{"name":"app","image":"app:1","ports":[{"containerPort":80}]}]
            """), group: "apps");
        containers = body!["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["B"], containers[0]!["env"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));

        // Changing the other manager's container image conflicts, naming the list-map key.
        var (conflict, status) = await ApplyAsync("deployments", "shared", "base", Deployment("shared", """
            [{"name":"app","image":"app:1","ports":[{"containerPort":80}]},{"name":"proxy","image":"proxy:2"}]
            """), group: "apps");
        Assert.Equal(409, conflict);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"sidecar\": .spec.template.spec.containers[name=\"proxy\"].image", status!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_requires_a_field_manager_and_dry_run_changes_nothing()
    {
        var (code, status) = await cluster.SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{Ns}/configmaps/nomanager", Config("nomanager", ("a", "1")), "application/apply-patch+yaml");
        Assert.Equal(422, code);
        Assert.Contains("fieldManager: Required value", status!["message"]!.GetValue<string>());

        (code, _) = await cluster.SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{Ns}/configmaps/dry?fieldManager=m&dryRun=All", Config("dry", ("a", "1")), "application/apply-patch+yaml");
        Assert.Equal(201, code);
        (code, _) = await cluster.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{Ns}/configmaps/dry");
        Assert.Equal(404, code);
    }

    [Fact]
    public async Task Apply_accepts_a_yaml_body()
    {
        const string Yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yaml\ndata:\n  a: \"1\"\n";
        var (code, body) = await cluster.SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{Ns}/configmaps/yaml?fieldManager=m", Yaml, "application/apply-patch+yaml; charset=utf-8");
        Assert.Equal(201, code);
        Assert.Equal("1", body!["data"]!["a"]!.GetValue<string>());
    }

    private Task<(int Code, JsonNode? Body)> ApplyAsync(string resource, string name, string manager, string body, bool force = false, string group = "")
    {
        var prefix = group.Length == 0 ? "/api/v1" : $"/apis/{group}/v1";
        return cluster.SendAsync(HttpMethod.Patch, $"{prefix}/namespaces/{Ns}/{resource}/{name}?fieldManager={manager}{(force ? "&force=true" : "")}", body, "application/apply-patch+yaml");
    }

    private static JsonObject Entry(JsonNode body, string manager) =>
        body["metadata"]!["managedFields"]!.AsArray().Single(e => e!["manager"]!.GetValue<string>() == manager)!.AsObject();

    private static string Config(string name, params (string Key, string Value)[] data)
    {
        var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = name } };
        if (data.Length > 0)
        {
            body["data"] = new JsonObject(data.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value)));
        }

        return body.ToJsonString();
    }

    private static string Deployment(string name, string containers) =>
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\"},"
        + "\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"x\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"x\"}},\"spec\":{\"containers\":"
        + containers + "}}}}";
}
