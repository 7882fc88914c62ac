using System.Text;
using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Diff;

/// <summary>
/// Brings desired and live objects to one comparable shape: no status, no metadata the server owns,
/// Secrets expressed in <c>data</c> only. Works on a copy; the inputs are never changed.
/// </summary>
internal static class ObjectNormalizer
{
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    private static readonly string[] ServerSetMetadata =
    [
        "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink",
        "deletionTimestamp", "deletionGracePeriodSeconds",
    ];

    public static JsonObject Normalize(KubeObject obj)
    {
        // Copy only what is compared: cloning managedFields and status just to drop them dominated the cost.
        var body = new JsonObject();
        foreach (var (key, value) in obj.Body)
        {
            if (key == "status")
            {
                continue;
            }

            body[key] = key == "metadata" && value is JsonObject metadata ? CopyMetadata(metadata) : value?.DeepClone();
        }

        if (IsSecret(obj))
        {
            FoldStringData(body);
        }

        return body;
    }

    private static JsonObject CopyMetadata(JsonObject source)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (Array.IndexOf(ServerSetMetadata, key) < 0)
            {
                metadata[key] = value?.DeepClone();
            }
        }

        if (metadata["annotations"] is JsonObject annotations)
        {
            annotations.Remove(LastAppliedAnnotation);
            if (annotations.Count == 0)
            {
                metadata.Remove("annotations");
            }
        }

        if (metadata["labels"] is JsonObject { Count: 0 })
        {
            metadata.Remove("labels");
        }

        return metadata;
    }

    public static bool IsSecret(KubeObject obj) => obj.Kind == "Secret" && obj.Group.Length == 0;

    /// <summary>The API server turns <c>stringData</c> into base64 <c>data</c> (stringData wins); do the same.</summary>
    private static void FoldStringData(JsonObject body)
    {
        if (body["stringData"] is not JsonObject stringData)
        {
            body.Remove("stringData");
            return;
        }

        if (body["data"] is not JsonObject data)
        {
            data = [];
            body["data"] = data;
        }

        foreach (var (key, value) in stringData)
        {
            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        }

        body.Remove("stringData");
    }
}
