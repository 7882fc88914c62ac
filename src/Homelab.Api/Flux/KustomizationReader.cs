using System.Text.Json.Nodes;
using Homelab.Api.Specs;
using Homelab.Manifests.Objects;

namespace Homelab.Api.Flux;

public static class KustomizationReader
{
    /// <summary>Flux leaves 30 s of every interval for the next run, and never allows less than 30 s for one.</summary>
    public static readonly TimeSpan TimeoutMargin = TimeSpan.FromSeconds(30);

    public static SpecResult<KustomizationSpec> Read(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var log = new ProblemLog();
        var spec = SpecFields.Spec(obj, log);
        var ownNamespace = obj.Namespace ?? "default";
        spec.OnlyKnown("interval", "retryInterval", "timeout", "sourceRef", "path", "prune", "wait", "healthChecks",
            "dependsOn", "suspend", "targetNamespace", "force", "postBuild", "patches", "images", "components",
            "commonMetadata", "namePrefix", "nameSuffix", "serviceAccountName", "decryption", "kubeConfig",
            "healthCheckExprs", "ignoreMissingComponents", "deletionPolicy");
        spec.Unsupported("decryption", "SOPS decryption is not supported yet: encrypted files would be applied as they are, so remove it or decrypt elsewhere");
        spec.Unsupported("kubeConfig", "applying to a remote cluster is not supported; Homelab applies to the cluster it runs in");
        spec.Unsupported("healthCheckExprs", "CEL health expressions are not supported yet; built-in health rules are used");
        spec.Unsupported("ignoreMissingComponents", "missing components always fail the build");
        spec.Unsupported("deletionPolicy", "deletion policies are not supported yet; deleting the Kustomization prunes when prune is on");
        spec.Unsupported("serviceAccountName", "impersonation is not supported yet: objects are applied with the reconciler's own identity");

        var interval = spec.RequiredPositiveDuration("interval");
        var timeout = spec.Duration("timeout") ?? interval - TimeoutMargin;
        if (!spec.Has("prune"))
        {
            spec.Invalid("prune", "is required (true or false)");
        }

        var result = new KustomizationSpec(
            interval,
            spec.Duration("retryInterval") ?? interval,
            timeout < TimeoutMargin ? TimeoutMargin : timeout,
            FluxReading.SourceRef(spec.RequiredObject("sourceRef"), ownNamespace, ["GitRepository", "OCIRepository", "Bucket"], ["GitRepository"])!,
            spec.String("path") is { Length: > 0 } path ? path : "./",
            spec.Bool("prune"),
            spec.Bool("wait"),
            [.. spec.Objects("healthChecks").Select(HealthCheck)],
            FluxReading.DependsOn(spec, ownNamespace),
            spec.Bool("suspend"),
            spec.String("targetNamespace") is { Length: > 0 } target ? target : null,
            spec.Bool("force"),
            ReadPostBuild(spec.Object("postBuild")),
            [.. spec.Objects("patches").Select(Patch)],
            [.. spec.Objects("images").Select(Image)],
            spec.Strings("components"),
            ReadCommonMetadata(spec.Object("commonMetadata")),
            spec.String("namePrefix"),
            spec.String("nameSuffix"),
            spec.String("serviceAccountName"));
        return new(result, log.Problems);
    }

    private static HealthCheckReference HealthCheck(SpecFields check)
    {
        check.OnlyKnown("apiVersion", "kind", "name", "namespace");
        return new(check.String("apiVersion") ?? "", check.RequiredString("kind"), check.RequiredString("name"), check.String("namespace"));
    }

    private static PostBuild? ReadPostBuild(SpecFields? postBuild)
    {
        if (postBuild is null)
        {
            return null;
        }

        postBuild.OnlyKnown("substitute", "substituteFrom");
        var from = postBuild.Objects("substituteFrom").Select(source =>
        {
            source.OnlyKnown("kind", "name", "optional");
            return new SubstituteReference(source.Enum("kind", ["ConfigMap", "Secret"], "ConfigMap"), source.RequiredString("name"), source.Bool("optional"));
        });
        return new PostBuild(postBuild.StringMap("substitute"), [.. from]);
    }

    /// <summary>A patch is kept whole (kustomize applies it); only its shape is checked here.</summary>
    private static JsonObject Patch(SpecFields patch)
    {
        patch.OnlyKnown("patch", "target");
        patch.RequiredString("patch");
        patch.Object("target")?.OnlyKnown("group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector");
        return patch.Self();
    }

    private static ImageOverride Image(SpecFields image)
    {
        image.OnlyKnown("name", "newName", "newTag", "digest");
        return new(image.RequiredString("name"), image.String("newName"), image.String("newTag"), image.String("digest"));
    }

    private static CommonMetadata? ReadCommonMetadata(SpecFields? metadata)
    {
        if (metadata is null)
        {
            return null;
        }

        metadata.OnlyKnown("labels", "annotations");
        return new CommonMetadata(metadata.StringMap("labels"), metadata.StringMap("annotations"));
    }
}
