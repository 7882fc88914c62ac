using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Kustomizations;

/// <summary>The watched custom resource and the names Flux gives its controller.</summary>
public static class KustomizationKind
{
    public const string Group = "kustomize.toolkit.fluxcd.io";
    public const string Kind = "Kustomization";
    public const string ControllerName = "kustomization";

    /// <summary>Field manager for applied objects and the <c>reportingController</c> of Events, as in Flux.</summary>
    public const string FieldManager = "kustomize-controller";

    /// <summary>Setting this annotation to a new value asks for a reconcile now (<c>flux reconcile</c>).</summary>
    public const string RequestedAtAnnotation = "reconcile.fluxcd.io/requestedAt";

    public static ObjectId Id(string @namespace, string name) => new(Group, Kind, @namespace, name);
}
