using Homelab.Manifests.Objects;

namespace Homelab.Example.Tests.Model;

/// <summary>The fields of a Flux Kustomization the example's checks need.</summary>
public sealed record FluxKustomization(
    KubeObject Object,
    string Name,
    string Namespace,
    string Path,
    string SourceKind,
    string SourceName,
    string SourceNamespace,
    IReadOnlyList<(string Namespace, string Name)> DependsOn,
    IReadOnlyDictionary<string, string>? Substitute)
{
    public string Key => $"{Namespace}/{Name}";

    public static FluxKustomization From(KubeObject obj)
    {
        var ns = obj.Namespace ?? "flux-system";
        var dependsOn = (obj.Get("spec", "dependsOn")?.AsArray() ?? [])
            .Select(d => (d!["namespace"]?.GetValue<string>() ?? ns, d["name"]!.GetValue<string>()))
            .ToList();
        var substitute = obj.Get("spec", "postBuild") is null
            ? null
            : (obj.Get("spec", "postBuild", "substitute")?.AsObject() ?? [])
                .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        return new FluxKustomization(
            obj,
            obj.Name,
            ns,
            obj.GetString("spec", "path") ?? "",
            obj.GetString("spec", "sourceRef", "kind") ?? "",
            obj.GetString("spec", "sourceRef", "name") ?? "",
            obj.GetString("spec", "sourceRef", "namespace") ?? ns,
            dependsOn,
            substitute);
    }
}
