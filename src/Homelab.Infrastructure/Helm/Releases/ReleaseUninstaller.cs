using System.Text.Json.Nodes;
using Homelab.Api.Flux;
using Homelab.Infrastructure.Finalizers;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Helm.Releases;

/// <summary>
/// helm-controller's uninstall when a HelmRelease is deleted: the release's objects (<c>status.inventory</c>, and of
/// those only the ones still labelled as this HelmRelease's, through the sync engine's safe prune) are deleted, then
/// its storage (every stored version Secret). A suspended HelmRelease is left alone, objects and storage both.
/// </summary>
public sealed class ReleaseUninstaller(InventoryPruner pruner, ReleaseStore store)
{
    /// <summary>
    /// Whether deletion keeps the release: <c>spec.suspend: true</c>, as in Flux. Read from the raw field so a spec
    /// that no longer reads still keeps the objects when it says <c>suspend</c> in any way other than <c>false</c>.
    /// </summary>
    public static bool KeepsRelease(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.Get("spec", "suspend") is { } suspend && !(suspend is JsonValue value && value.TryGetValue<bool>(out var flag) && !flag);
    }

    /// <summary>
    /// The installed release (the newest version in history: the spec may have been edited since), or for one never
    /// recorded what the spec names.
    /// </summary>
    public static ReleaseLocation Locate(KubeObject obj, HelmReleaseSpec spec, HelmReleaseStatus status)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(status);
        var name = status.Latest?.Name ?? spec.ReleaseName;
        var ns = status.Latest?.Namespace ?? spec.TargetNamespace ?? obj.Namespace ?? "default";
        return new ReleaseLocation(name, ns, status.StorageNamespace ?? spec.StorageNamespace ?? ns);
    }

    /// <summary>Deletes the release's objects, then its storage. Returns null when uninstalled, or why not (nothing of the storage is deleted then).</summary>
    public async Task<string?> UninstallAsync(KubeObject obj, HelmReleaseSpec spec, HelmReleaseStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var release = Locate(obj, spec, status);
        var mark = new HelmOwnerMark(obj.Name, obj.Namespace ?? "default", release.Name, release.Namespace);
        var failure = await pruner.PruneAllAsync([.. status.Inventory.Ids], ReleaseApplier.FieldManager, mark, spec.Timeout, cancellationToken);
        if (failure is not null)
        {
            // The stored versions stay with the objects: they are what a later attempt (or a person) has to go on.
            return failure;
        }

        try
        {
            await store.DeleteAllAsync(release.Name, release.StorageNamespace, cancellationToken);
        }
        catch (KubernetesApiException e)
        {
            return $"deleting the stored versions in namespace {release.StorageNamespace}: {e.Message}";
        }

        return null;
    }
}

/// <summary>A release's name and namespace, and the namespace its versions are stored in.</summary>
public sealed record ReleaseLocation(string Name, string Namespace, string StorageNamespace);
