using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Kustomizations;

/// <summary><c>metadata.generation</c> and <c>status.observedGeneration</c> (0 when absent).</summary>
internal static class Generations
{
    public static long Generation(this KubeObject obj) => Read(obj.Get("metadata", "generation"));

    public static long ObservedGeneration(this KubeObject obj) => Read(obj.Get("status", "observedGeneration"));

    private static long Read(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var number) ? number : 0;
}
