using System.Text.Json.Nodes;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.ApplicationSets;

/// <summary>What one pass changed, and the first failure if any (later Applications are still attempted).</summary>
public sealed record ApplicationSetWriteResult(int Created, int Updated, int Deleted, string? ErrorReason, string? ErrorMessage);

/// <summary>
/// Brings the cluster's Applications in line with the desired ones: server-side apply (field manager
/// <c>argocd-applicationset-controller</c>) of those missing or different, delete of owned ones no longer
/// generated, within the sync policy. An Application that matches already costs no request, and one controlled
/// by another ApplicationSet is never touched.
/// </summary>
public sealed class ApplicationSetWriter(IClusterClient client)
{
    public const string FieldManager = "argocd-applicationset-controller";
    public const string ResourcesFinalizer = "resources-finalizer.argocd.argoproj.io";

    public async Task<ApplicationSetWriteResult> WriteAsync(
        KubeObject applicationSet,
        IReadOnlyList<KubeObject> desired,
        IReadOnlyList<KubeObject> live,
        ApplicationsSyncPolicy policy,
        bool preserveResourcesOnDeletion,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applicationSet);
        var uid = applicationSet.GetString("metadata", "uid") ?? "";
        var liveByName = live.ToDictionary(a => a.Name, StringComparer.Ordinal);
        int created = 0, updated = 0, deleted = 0;
        string? reason = null, message = null;
        void Fail(string r, string m)
        {
            reason ??= r;
            message ??= m;
        }

        foreach (var application in desired)
        {
            liveByName.TryGetValue(application.Name, out var current);
            if (current is not null && ControllerUid(current) is { } owner && owner != uid)
            {
                Fail(ApplicationSetReasons.CreateApplicationError, $"Application {application.Namespace}/{application.Name} is already controlled by another ApplicationSet; not touching it");
                continue;
            }

            if (current is not null && (!policy.MayUpdate || Matches(application, current, uid)))
            {
                continue;
            }

            try
            {
                await client.ApplyAsync(application, new ApplyOptions(FieldManager, Force: true), cancellationToken);
                if (current is null)
                {
                    created++;
                }
                else
                {
                    updated++;
                }
            }
            catch (KubernetesApiException e)
            {
                Fail(current is null ? ApplicationSetReasons.CreateApplicationError : ApplicationSetReasons.UpdateApplicationError,
                    $"Application {application.Namespace}/{application.Name}: {e.Message}");
            }
        }

        if (policy.MayDelete)
        {
            var wanted = desired.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var stale in live.Where(a => ControllerUid(a) == uid && !wanted.Contains(a.Name)))
            {
                try
                {
                    if (await DeleteAsync(stale, preserveResourcesOnDeletion, cancellationToken))
                    {
                        deleted++;
                    }
                }
                catch (KubernetesApiException e)
                {
                    Fail(ApplicationSetReasons.DeleteApplicationError, $"Application {stale.Namespace}/{stale.Name}: {e.Message}");
                }
            }
        }

        return new ApplicationSetWriteResult(created, updated, deleted, reason, message);
    }

    /// <summary>The uid of the ApplicationSet controlling an Application, if one does.</summary>
    public static string? ControllerUid(KubeObject application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return (application.Get("metadata", "ownerReferences") as JsonArray)?
            .OfType<JsonObject>()
            .Where(r => r["kind"]?.GetValue<string>() == DesiredApplications.ApplicationSetKind && r["controller"]?.GetValue<bool>() == true)
            .Select(r => r["uid"]?.GetValue<string>())
            .FirstOrDefault();
    }

    private async Task<bool> DeleteAsync(KubeObject application, bool preserveResources, CancellationToken cancellationToken)
    {
        var reference = ObjectReference.From(application);
        var finalizers = Strings(application.Get("metadata", "finalizers"));
        if (preserveResources && finalizers.Contains(ResourcesFinalizer))
        {
            // Without the cascade finalizer the Application goes and the workloads it deployed stay.
            var kept = new JsonArray([.. finalizers.Where(f => f != ResourcesFinalizer).Select(f => JsonValue.Create(f))]);
            var patch = new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = kept } };
            await client.PatchAsync(reference, patch.ToJsonString(), PatchType.Merge, new WriteOptions(), cancellationToken);
        }

        return await client.DeleteAsync(reference, new DeleteOptions(PreconditionUid: application.GetString("metadata", "uid")), cancellationToken);
    }

    // Everything the template sets must already be there: spec equal, labels, annotations and finalizers present.
    private static bool Matches(KubeObject desired, KubeObject live, string uid) =>
        ControllerUid(live) == uid
        && JsonNode.DeepEquals(desired.Get("spec"), live.Get("spec"))
        && desired.Labels.All(l => live.GetLabel(l.Key) == l.Value)
        && desired.Annotations.All(a => live.GetAnnotation(a.Key) == a.Value)
        && Strings(desired.Get("metadata", "finalizers")).All(Strings(live.Get("metadata", "finalizers")).Contains);

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(n => n?.GetValue<string>()).OfType<string>()] : [];
}
