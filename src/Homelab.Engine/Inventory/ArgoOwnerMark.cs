using Homelab.Manifests.Objects;

namespace Homelab.Engine.Inventory;

/// <summary>
/// Argo CD's mark for one Application: the tracking-id annotation, or for legacy label tracking the
/// instance label (<see cref="DefaultInstanceLabel"/> unless the installation set
/// <c>application.instanceLabelKey</c>, commonly to <see cref="ArgoInstanceLabel"/>).
/// </summary>
public sealed record ArgoOwnerMark(string AppInstance, ArgoTrackingMethod Method = ArgoTrackingMethod.Annotation, string InstanceLabelKey = ArgoOwnerMark.DefaultInstanceLabel) : IOwnerMark
{
    public const string DefaultInstanceLabel = "app.kubernetes.io/instance";
    public const string ArgoInstanceLabel = "argocd.argoproj.io/instance";

    public void Stamp(KubeObject desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        if (Method != ArgoTrackingMethod.Label)
        {
            desired.SetAnnotation(ArgoTrackingId.Annotation, ArgoTrackingId.For(AppInstance, desired.Id).ToString());
        }

        if (Method != ArgoTrackingMethod.Annotation)
        {
            // Label values are limited to 63 characters; Argo truncates the same way.
            desired.SetLabel(InstanceLabelKey, AppInstance.Length > 63 ? AppInstance[..63] : AppInstance);
        }
    }

    public bool IsMarked(KubeObject live)
    {
        ArgumentNullException.ThrowIfNull(live);
        if (Method == ArgoTrackingMethod.Label)
        {
            return live.GetLabel(InstanceLabelKey) is { } label && label == (AppInstance.Length > 63 ? AppInstance[..63] : AppInstance);
        }

        return ArgoTrackingId.TryParse(live.GetAnnotation(ArgoTrackingId.Annotation), out var id)
            && id!.AppInstance == AppInstance
            && id.ObjectId == live.Id;
    }
}
