using Homelab.Api.Applications.V1;

namespace Homelab.Applications.Api;

/// <summary>The <c>ApplicationService</c> gRPC API (applications.proto).</summary>
public sealed class ApplicationGrpcService : ApplicationService.ApplicationServiceBase
{
}
