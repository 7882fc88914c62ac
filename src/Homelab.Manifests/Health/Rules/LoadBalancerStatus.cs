using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health.Rules;

/// <summary>Reads <c>status.loadBalancer.ingress</c>, shared by Service and Ingress.</summary>
internal static class LoadBalancerStatus
{
    public static bool HasAddress(KubeObject obj) => Entries(obj).Any();

    public static string Addresses(KubeObject obj) => string.Join(", ", Entries(obj));

    private static IEnumerable<string> Entries(KubeObject obj) =>
        (obj.GetArray("status", "loadBalancer", "ingress") ?? [])
            .OfType<JsonObject>()
            .Select(e => StatusFields.AsString(e["ip"]) is { Length: > 0 } ip ? ip : StatusFields.AsString(e["hostname"]) ?? "")
            .Where(address => address.Length > 0);
}
