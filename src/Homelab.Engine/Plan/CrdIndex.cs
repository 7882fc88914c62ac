using Homelab.Manifests.Objects;

namespace Homelab.Engine.Plan;

/// <summary>The CustomResourceDefinitions within one desired set, by the group and kind they define.</summary>
internal sealed class CrdIndex
{
    private readonly Dictionary<(string Group, string Kind), ObjectId> _byKind;

    private CrdIndex(Dictionary<(string, string), ObjectId> byKind) => _byKind = byKind;

    public static CrdIndex Build(IEnumerable<KubeObject> objects)
    {
        var byKind = new Dictionary<(string, string), ObjectId>();
        foreach (var crd in objects.Where(IsCrdObject))
        {
            if (crd.GetString("spec", "group") is { } group && crd.GetString("spec", "names", "kind") is { } kind)
            {
                byKind[(group, kind)] = crd.Id;
            }
        }

        return new CrdIndex(byKind);
    }

    public bool IsCrd(KubeObject obj) => IsCrdObject(obj);

    /// <summary>The CRD in this set that defines <paramref name="obj"/>'s kind, if any.</summary>
    public ObjectId? DefinitionOf(KubeObject obj) =>
        _byKind.TryGetValue((obj.Group, obj.Kind), out var id) ? id : null;

    private static bool IsCrdObject(KubeObject obj) => obj.Kind == "CustomResourceDefinition" && obj.Group == "apiextensions.k8s.io";
}
