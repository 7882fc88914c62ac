using System.Text.Json.Nodes;

namespace Homelab.Kubernetes.Caching;

/// <summary>
/// Shrinks a cached copy to what the engine reads: managedFields only of our own managers, and no
/// client-side-apply annotation (a full copy of the object that would double its size).
/// </summary>
internal static class ObjectTrimmer
{
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    public static void Trim(JsonObject obj, IReadOnlySet<string> ownManagers)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            return;
        }

        if (metadata["managedFields"] is JsonArray managedFields)
        {
            for (var i = managedFields.Count - 1; i >= 0; i--)
            {
                var manager = managedFields[i]?["manager"] is JsonValue v && v.TryGetValue<string>(out var m) ? m : null;
                if (manager is null || !ownManagers.Contains(manager))
                {
                    managedFields.RemoveAt(i);
                }
            }

            if (managedFields.Count == 0)
            {
                metadata.Remove("managedFields");
            }
        }

        if (metadata["annotations"] is JsonObject annotations && annotations.Remove(LastAppliedAnnotation) && annotations.Count == 0)
        {
            metadata.Remove("annotations");
        }
    }
}
