using Grpc.Core;
using Grpc.Net.Client;
using Homelab.Api.Applications.V1;
using Homelab.Api.Infrastructure.V1;
using Homelab.Controllers.Hosting;

namespace Homelab.Web.Backends;

/// <summary>
/// gRPC clients of the two services, so the UI reads and acts through exactly the operations the CLI uses:
/// the application service in this same process (over loopback, address known once Kestrel has bound it)
/// and the infrastructure service at <c>services:infrastructure:grpc:0</c>.
/// </summary>
internal sealed class ControlPlaneClients : IDisposable
{
    private readonly Lazy<GrpcChannel> _applications;
    private readonly GrpcChannel? _infrastructure;
    private readonly ServiceToken _serviceToken;

    public ControlPlaneClients(Func<Uri> applicationsAddress, Uri? infrastructureAddress, ServiceToken serviceToken)
    {
        ArgumentNullException.ThrowIfNull(applicationsAddress);
        _serviceToken = serviceToken;
        _applications = new Lazy<GrpcChannel>(() => GrpcChannel.ForAddress(applicationsAddress()), LazyThreadSafetyMode.ExecutionAndPublication);
        _infrastructure = infrastructureAddress is null ? null : GrpcChannel.ForAddress(infrastructureAddress);
    }

    public ApplicationService.ApplicationServiceClient Applications => new(_applications.Value);

    /// <summary>Null when no infrastructure service is configured.</summary>
    public InfrastructureService.InfrastructureServiceClient? Infrastructure =>
        _infrastructure is null ? null : new InfrastructureService.InfrastructureServiceClient(_infrastructure);

    /// <summary>
    /// Call options for reads: the service's own token, since in a cluster the infrastructure service is in
    /// another pod and reads from outside loopback need one. Whether this user may read was decided by
    /// the UI's own access rules before the call.
    /// </summary>
    public CallOptions Reads(CancellationToken cancellationToken) => new(_serviceToken.Headers(), cancellationToken: cancellationToken);

    /// <summary>Call options carrying the user's (already checked) token as the services expect it.</summary>
    public static CallOptions WithToken(string? token, CancellationToken cancellationToken)
    {
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add("authorization", $"Bearer {token}");
        }

        return new CallOptions(headers, cancellationToken: cancellationToken);
    }

    public void Dispose()
    {
        if (_applications.IsValueCreated)
        {
            _applications.Value.Dispose();
        }

        _infrastructure?.Dispose();
    }
}
