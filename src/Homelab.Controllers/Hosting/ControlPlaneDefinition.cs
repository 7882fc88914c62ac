using Homelab.Manifests.Objects;

namespace Homelab.Controllers.Hosting;

/// <summary>What distinguishes one Homelab control-plane service from the other.</summary>
/// <param name="ServiceName">e.g. "homelab-infrastructure".</param>
/// <param name="LeaseName">The leader election Lease, e.g. "homelab-infrastructure-leader".</param>
/// <param name="FieldManagers">The managers this service applies as; the watch cache keeps their managedFields.</param>
/// <param name="Crds">The CustomResourceDefinitions installed at start-up when absent.</param>
/// <param name="DefaultHttpPort">The HTTP/1.1 port (health, metrics, webhooks) when <c>Endpoints:Http</c> is not set.</param>
/// <param name="DefaultGrpcPort">The HTTP/2 cleartext port (gRPC) when <c>Endpoints:Grpc</c> is not set.</param>
public sealed record ControlPlaneDefinition(
    string ServiceName, string LeaseName, IReadOnlyList<string> FieldManagers, IReadOnlyList<KubeObject> Crds, int DefaultHttpPort, int DefaultGrpcPort);
