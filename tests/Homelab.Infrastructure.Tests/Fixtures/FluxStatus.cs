using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Tests.Fixtures;

/// <summary>Reads what tests assert on in a Flux object's status.</summary>
public static class FluxStatus
{
    public static JsonObject? Condition(KubeObject obj, string type) =>
        (obj.Get("status", "conditions") as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);

    public static bool IsReady(KubeObject obj) => Condition(obj, "Ready")?["status"]?.GetValue<string>() == "True";

    public static string? ReadyReason(KubeObject obj) => Condition(obj, "Ready")?["reason"]?.GetValue<string>();

    public static string? ReadyMessage(KubeObject obj) => Condition(obj, "Ready")?["message"]?.GetValue<string>();

    public static string? ArtifactRevision(KubeObject obj) => obj.GetString("status", "artifact", "revision");
}
