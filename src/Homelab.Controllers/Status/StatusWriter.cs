using System.Text.Json.Nodes;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Controllers.Status;

/// <summary>
/// Writes an object's status through the <c>status</c> subresource, so a status write can never touch the
/// spec and never bumps <c>metadata.generation</c> (and the default event filter ignores it).
/// </summary>
public sealed class StatusWriter
{
    private readonly IClusterClient _client;

    public StatusWriter(IClusterClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>
    /// JSON merge patch <c>{"status": …}</c> on <c>&lt;resource&gt;/status</c>: fields given replace the
    /// stored ones (arrays whole), a null value removes a field, fields not given are kept.
    /// </summary>
    /// <returns>The object as stored after the write.</returns>
    /// <exception cref="Kubernetes.Errors.NotFoundException">The object is gone.</exception>
    public Task<KubeObject> PatchStatusAsync(KubeObject obj, JsonObject status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(status);
        var patch = new JsonObject { ["status"] = status.DeepClone() };
        return _client.PatchAsync(ObjectReference.From(obj), patch.ToJsonString(), PatchType.Merge, new WriteOptions { Subresource = "status" }, cancellationToken);
    }
}
