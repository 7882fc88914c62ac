using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Tests.Objects;

public sealed class KubeObjectTests
{
    [Fact]
    public void Identity_comes_from_apiVersion_kind_and_metadata()
    {
        var obj = KubeObject.FromJson("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"plex","namespace":"media"}}""");

        Assert.Equal("apps", obj.Group);
        Assert.Equal("v1", obj.Version);
        Assert.Equal(new ObjectId("apps", "Deployment", "media", "plex"), obj.Id);
    }

    [Fact]
    public void Core_group_is_empty()
    {
        var obj = KubeObject.FromJson("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}""");

        Assert.Equal("", obj.Group);
        Assert.Null(obj.Namespace);
    }

    [Theory]
    [InlineData("""{"kind":"ConfigMap"}""", "no apiVersion")]
    [InlineData("""{"apiVersion":"v1"}""", "no kind")]
    [InlineData("""{"apiVersion":1,"kind":"ConfigMap"}""", "no apiVersion")]
    [InlineData("""[1,2]""", "must be a JSON object")]
    [InlineData("""{"apiVersion":""", "invalid JSON")]
    public void Objects_without_type_information_are_rejected(string json, string expected)
    {
        var error = Assert.Throws<ManifestException>(() => KubeObject.FromJson(json, new SourceLocation("a.json", 3)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("a.json:3: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_and_annotations_are_set_without_touching_other_fields()
    {
        var obj = KubeObject.FromJson("""{"apiVersion":"v1","kind":"ConfigMap","data":{"k":"v"}}""");

        obj.SetLabel("app", "plex");
        obj.SetAnnotation("note", "x");
        obj.Namespace = "media";

        Assert.Equal("plex", obj.GetLabel("app"));
        Assert.Equal("x", obj.GetAnnotation("note"));
        Assert.Equal("v", obj.GetString("data", "k"));
        Assert.Equal("media", obj.Namespace);
        Assert.True(obj.RemoveAnnotation("note"));
        Assert.Null(obj.GetAnnotation("note"));
    }

    [Fact]
    public void Deep_clone_is_independent()
    {
        var obj = KubeObject.FromJson("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}""");
        var copy = obj.DeepClone();

        copy.Name = "b";

        Assert.Equal("a", obj.Name);
        Assert.Equal("b", copy.Name);
    }
}
