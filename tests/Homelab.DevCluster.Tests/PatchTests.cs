using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;
using Homelab.DevCluster.Patch;

namespace Homelab.DevCluster.Tests;

/// <summary>Strategic merge patch directives and JSON/merge patch, on documents (no server needed).</summary>
public sealed class PatchTests
{
    private static readonly ResourceType Deployment = new ResourceRegistry().Find("apps", "v1", "deployments")!;

    private static JsonObject Pod(string containers) =>
        JsonNode.Parse("{\"spec\":{\"template\":{\"spec\":{\"containers\":" + containers + "}}}}")!.AsObject();

    private static string Containers(JsonObject o) => o["spec"]!["template"]!["spec"]!["containers"]!.ToJsonString();

    [Fact]
    public void Lists_with_a_merge_key_merge_by_item()
    {
        var live = Pod("""[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]""");
        var result = StrategicMergePatch.Apply(Deployment, live, Pod("""[{"name":"b","image":"b:2"},{"name":"c","image":"c:1"}]"""));
        Assert.Equal("""[{"name":"a","image":"a:1"},{"name":"b","image":"b:2"},{"name":"c","image":"c:1"}]""", Containers(result));
    }

    [Fact]
    public void Patch_delete_and_replace_directives()
    {
        var live = Pod("""[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]""");
        var deleted = StrategicMergePatch.Apply(Deployment, live, Pod("""[{"name":"a","$patch":"delete"}]"""));
        Assert.Equal("""[{"name":"b","image":"b:1"}]""", Containers(deleted));

        var replaced = StrategicMergePatch.Apply(Deployment, live, Pod("""[{"name":"z","image":"z:1"},{"$patch":"replace"}]"""));
        Assert.Equal("""[{"name":"z","image":"z:1"}]""", Containers(replaced));

        var mapReplace = StrategicMergePatch.Apply(Deployment, JsonNode.Parse("""{"metadata":{"labels":{"a":"1","b":"2"}}}""")!.AsObject(), JsonNode.Parse("""{"metadata":{"labels":{"$patch":"replace","c":"3"}}}"""));
        Assert.Equal("""{"c":"3"}""", mapReplace["metadata"]!["labels"]!.ToJsonString());
    }

    [Fact]
    public void Set_element_order_retain_keys_and_delete_from_primitive_list()
    {
        var live = Pod("""[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]""");
        var patch = JsonNode.Parse("""{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],"containers":[{"name":"a","image":"a:2"}]}}}}""");
        Assert.Equal("""[{"name":"b","image":"b:1"},{"name":"a","image":"a:2"}]""", Containers(StrategicMergePatch.Apply(Deployment, live, patch)));

        var strategy = JsonNode.Parse("""{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}""")!.AsObject();
        var retained = StrategicMergePatch.Apply(Deployment, strategy, JsonNode.Parse("""{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}"""));
        Assert.Equal("""{"type":"Recreate"}""", retained["spec"]!["strategy"]!.ToJsonString());

        var finalizers = JsonNode.Parse("""{"metadata":{"finalizers":["a","b","c"]}}""")!.AsObject();
        var trimmed = StrategicMergePatch.Apply(Deployment, finalizers, JsonNode.Parse("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["b"]}}"""));
        Assert.Equal("""["a","c"]""", trimmed["metadata"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public void Lists_without_a_merge_key_are_replaced_and_null_deletes()
    {
        var live = JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"a","args":["x","y"],"image":"i"}]}}}}""")!.AsObject();
        var result = StrategicMergePatch.Apply(Deployment, live, JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"a","args":["z"],"image":null}]}}}}"""));
        Assert.Equal("""[{"name":"a","args":["z"]}]""", Containers(result));
    }

    [Fact]
    public void Json_patch_and_merge_patch()
    {
        var doc = JsonNode.Parse("""{"a":{"b":[1,2]},"c":1}""")!.AsObject();
        var patched = JsonPatch.Apply(doc, JsonNode.Parse("""[{"op":"add","path":"/a/b/-","value":3},{"op":"move","from":"/c","path":"/d"},{"op":"test","path":"/d","value":1},{"op":"replace","path":"/a/b/0","value":0}]"""));
        Assert.Equal("""{"a":{"b":[0,2,3]},"d":1}""", patched.ToJsonString());

        var merged = MergePatch.Apply(doc, JsonNode.Parse("""{"a":null,"e":{"f":1}}"""));
        Assert.Equal("""{"c":1,"e":{"f":1}}""", merged!.ToJsonString());
    }
}
