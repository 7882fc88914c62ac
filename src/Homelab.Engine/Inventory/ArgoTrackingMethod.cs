namespace Homelab.Engine.Inventory;

/// <summary>Argo CD's <c>application.resourceTrackingMethod</c>.</summary>
public enum ArgoTrackingMethod
{
    /// <summary>The tracking-id annotation (Argo CD 3 default).</summary>
    Annotation,

    /// <summary>Legacy: an instance label holding the app name.</summary>
    Label,

    /// <summary>Both; the annotation decides ownership.</summary>
    AnnotationAndLabel,
}
