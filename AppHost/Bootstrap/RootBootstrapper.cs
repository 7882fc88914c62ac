using System.Text.Json.Nodes;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.AppHost.Bootstrap;

/// <summary>
/// Applies a layer's root objects once, as <c>flux bootstrap</c> and the hand-applied Argo root Application
/// do: namespaces they live in first, then the objects, with server-side apply. From then on the reconcilers
/// own them (Flux's root Kustomization usually applies its own folder, so it keeps itself in sync).
/// </summary>
internal sealed class RootBootstrapper(IClusterClient client)
{
    public const string FieldManager = "homelab-bootstrap";

    public async Task ApplyAsync(IReadOnlyList<KubeObject> objects, CancellationToken cancellationToken)
    {
        var namespaces = objects.Select(o => o.Namespace).OfType<string>().Distinct(StringComparer.Ordinal);
        foreach (var name in namespaces)
        {
            var ns = KubeObject.FromJson(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = name },
            }.ToJsonString());
            await client.ApplyAsync(ns, new ApplyOptions(FieldManager), cancellationToken).ConfigureAwait(false);
        }

        foreach (var obj in objects)
        {
            await client.ApplyAsync(obj, new ApplyOptions(FieldManager, Force: true), cancellationToken).ConfigureAwait(false);
        }
    }
}
