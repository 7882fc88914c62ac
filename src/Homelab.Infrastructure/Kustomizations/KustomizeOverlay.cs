using System.Text.Json.Nodes;
using Homelab.Api.Flux;
using Homelab.Manifests;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Infrastructure.Kustomizations;

/// <summary>
/// Flux applies <c>targetNamespace</c>, <c>patches</c>, <c>images</c>, <c>components</c> and
/// <c>namePrefix</c>/<c>nameSuffix</c> by writing them into a kustomization over the path. The artifact is
/// shared and read-only, so the overlay is written to a scratch folder instead: the rendered objects as
/// one resource file, the components copied to the same relative place, and a generated kustomization
/// that the real kustomize then builds.
/// </summary>
internal static class KustomizeOverlay
{
    private const string ResourcesFile = "homelab-rendered.yaml";

    public static bool IsNeeded(KustomizationSpec spec) =>
        spec.TargetNamespace is not null || spec.Patches.Count > 0 || spec.Images.Count > 0 || spec.Components.Count > 0
        || !string.IsNullOrEmpty(spec.NamePrefix) || !string.IsNullOrEmpty(spec.NameSuffix);

    /// <summary>Writes the overlay under <paramref name="scratch"/>; returns the overlay folder relative to it.</summary>
    public static string Write(string scratch, string sourceRoot, KustomizationSpec spec, IReadOnlyList<KubeObject> objects)
    {
        var relativePath = Normalize(spec.Path);
        var overlay = Path.Combine(scratch, relativePath);
        Directory.CreateDirectory(overlay);
        File.WriteAllText(Path.Combine(overlay, ResourcesFile), YamlWriter.Write(objects));

        foreach (var component in spec.Components)
        {
            CopyComponent(sourceRoot, scratch, relativePath, component);
        }

        File.WriteAllText(Path.Combine(overlay, "kustomization.yaml"), YamlWriter.Write([Kustomization(spec)]));
        return relativePath;
    }

    private static JsonObject Kustomization(KustomizationSpec spec)
    {
        var kustomization = new JsonObject
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
            ["resources"] = new JsonArray(ResourcesFile),
        };
        if (spec.TargetNamespace is { } ns)
        {
            kustomization["namespace"] = ns;
        }

        if (!string.IsNullOrEmpty(spec.NamePrefix))
        {
            kustomization["namePrefix"] = spec.NamePrefix;
        }

        if (!string.IsNullOrEmpty(spec.NameSuffix))
        {
            kustomization["nameSuffix"] = spec.NameSuffix;
        }

        if (spec.Patches.Count > 0)
        {
            kustomization["patches"] = new JsonArray([.. spec.Patches.Select(p => p.DeepClone())]);
        }

        if (spec.Images.Count > 0)
        {
            kustomization["images"] = new JsonArray([.. spec.Images.Select(Image)]);
        }

        if (spec.Components.Count > 0)
        {
            kustomization["components"] = new JsonArray([.. spec.Components.Select(c => (JsonNode)c)]);
        }

        return kustomization;
    }

    private static JsonNode Image(ImageOverride image)
    {
        var json = new JsonObject { ["name"] = image.Name };
        if (image.NewName is { } newName)
        {
            json["newName"] = newName;
        }

        if (image.NewTag is { } newTag)
        {
            json["newTag"] = newTag;
        }

        if (image.Digest is { } digest)
        {
            json["digest"] = digest;
        }

        return json;
    }

    /// <summary>Copies a component folder (relative to the Kustomization's path) to the same place in the scratch tree, refusing anything outside the source.</summary>
    private static void CopyComponent(string sourceRoot, string scratch, string relativePath, string component)
    {
        if (Path.IsPathRooted(component))
        {
            throw new ManifestException($"spec.components: '{component}' is an absolute path; components are relative to spec.path");
        }

        var root = Path.GetFullPath(sourceRoot);
        var source = Path.GetFullPath(Path.Combine(root, relativePath, component));
        var relative = Path.GetRelativePath(root, source);
        if (relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new ManifestException($"spec.components: '{component}' points outside the source");
        }

        if (!Directory.Exists(source))
        {
            throw new ManifestException($"spec.components: '{component}' not found (looked for {relative})");
        }

        CopyTree(source, Path.Combine(scratch, relative));
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            // Links could lead outside the source; kustomize reads only real files and folders here.
            if (entry.LinkTarget is not null)
            {
                throw new ManifestException($"spec.components: '{entry.FullName}' is a symbolic link; components are copied without links");
            }

            if (entry is DirectoryInfo directory)
            {
                CopyTree(directory.FullName, Path.Combine(to, directory.Name));
            }
            else
            {
                File.Copy(entry.FullName, Path.Combine(to, entry.Name));
            }
        }
    }

    private static string Normalize(string path)
    {
        var trimmed = path.Replace('\\', '/').Trim('/');
        return trimmed is "" or "." ? "." : Path.Combine([.. trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".")]);
    }
}
