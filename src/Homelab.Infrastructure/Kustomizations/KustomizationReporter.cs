using Homelab.Controllers.Status;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Kustomizations;

/// <summary>
/// Writes a Kustomization's status and Events. A status identical to what is stored is not written, and an
/// Event is only recorded along with a change, so a reconcile that finds nothing to do costs no API request.
/// </summary>
internal sealed class KustomizationReporter(StatusWriter writer, EventRecorder events)
{
    /// <summary>Writes <paramref name="status"/> when it differs from the stored one; returns the object as it now is and whether it was written.</summary>
    public async Task<(KubeObject Object, bool Written)> WriteAsync(KubeObject obj, KustomizationStatus status, CancellationToken cancellationToken)
    {
        if (status.IsWrittenIn(obj))
        {
            return (obj, false);
        }

        return (await writer.PatchStatusAsync(obj, status.ToJson(), cancellationToken), true);
    }

    public Task EventAsync(KubeObject obj, EventSeverity severity, string reason, string message, CancellationToken cancellationToken) =>
        events.RecordAsync(obj, KustomizationKind.FieldManager, severity, reason, message, cancellationToken);
}
