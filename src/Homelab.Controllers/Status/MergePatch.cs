using System.Text.Json.Nodes;

namespace Homelab.Controllers.Status;

/// <summary>
/// Builds JSON merge patches (RFC 7386) that turn one stored object into another. A merge patch keeps
/// every field it does not mention, at every depth, so a field that disappeared has to be sent as null —
/// otherwise e.g. a health message written while an app was Progressing would outlive the recovery.
/// </summary>
public static class MergePatch
{
    /// <summary>
    /// <paramref name="after"/>, plus a null for every field of <paramref name="before"/> it no longer has;
    /// objects present on both sides are compared field by field, arrays and values are replaced whole.
    /// </summary>
    public static JsonObject Replacing(JsonObject? before, JsonObject after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var patch = (JsonObject)after.DeepClone();
        NullRemovedFields(before, patch);
        return patch;
    }

    private static void NullRemovedFields(JsonObject? before, JsonObject patch)
    {
        foreach (var (name, old) in before ?? [])
        {
            if (!patch.TryGetPropertyValue(name, out var now))
            {
                patch[name] = null;
            }
            else if (old is JsonObject oldObject && now is JsonObject newObject)
            {
                NullRemovedFields(oldObject, newObject);
            }
        }
    }
}
