using Grpc.Core;
using Homelab.Api.Infrastructure.V1;
using Homelab.Controllers.Hosting;
using Microsoft.AspNetCore.Authorization;

namespace Homelab.Controllers.Tests.Hosting;

/// <summary>A stand-in gRPC service with one read and one mutating method, guarded the way the real services guard theirs.</summary>
public sealed class TestInfrastructureService : InfrastructureService.InfrastructureServiceBase
{
    [Authorize(Policy = ApiAuthorization.Read)]
    public override Task<FluxObject> Get(ObjectRef request, ServerCallContext context) =>
        Task.FromResult(new FluxObject { Ref = request, Ready = "True" });

    [Authorize(Policy = ApiAuthorization.Mutate)]
    public override Task<FluxObject> Suspend(ObjectRef request, ServerCallContext context) =>
        Task.FromResult(new FluxObject { Ref = request, Suspended = true });
}
