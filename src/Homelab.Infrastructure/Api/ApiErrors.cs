using Grpc.Core;
using Homelab.Api.Infrastructure.V1;
using Homelab.Infrastructure.Sources;

namespace Homelab.Infrastructure.ApiService;

/// <summary>Request validation and the gRPC errors the API answers with.</summary>
public static class ApiErrors
{
    /// <summary>The kind's group and canonical spelling, and the namespace (default <c>flux-system</c>, like the flux CLI).</summary>
    public static (string Group, string Kind, string Namespace, string Name) Resolve(ObjectRef? reference)
    {
        if (reference is null || string.IsNullOrWhiteSpace(reference.Name))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "name is required"));
        }

        var kind = Kind(reference.Kind);
        return (kind.Group, kind.Kind, string.IsNullOrEmpty(reference.Namespace) ? Layer.LayerReadiness.DefaultNamespace : reference.Namespace, reference.Name);
    }

    public static (string Group, string Kind) Kind(string kind) =>
        FluxKinds.Find(kind) ?? throw new RpcException(new Status(
            StatusCode.InvalidArgument,
            $"unknown kind '{kind}' (expected {string.Join(", ", FluxKinds.All.Select(k => k.Kind))})"));

    public static RpcException NotFound(string kind, string @namespace, string name) =>
        new(new Status(StatusCode.NotFound, $"{kind} '{@namespace}/{name}' not found"));
}
