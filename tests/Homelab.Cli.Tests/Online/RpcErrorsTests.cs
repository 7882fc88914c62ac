using Grpc.Core;
using Homelab.Cli.Online.Connection;

namespace Homelab.Cli.Tests.Online;

public sealed class RpcErrorsTests
{
    private static readonly ServiceTarget Target =
        new(ServiceKind.Infrastructure, new Uri("http://127.0.0.1:9441"), "HOMELAB_INFRASTRUCTURE_SERVER", "very-secret-token");

    [Theory]
    [InlineData(StatusCode.NotFound, "kustomization flux-system/x not found")]
    [InlineData(StatusCode.Unauthenticated, "set HOMELAB_TOKEN")]
    [InlineData(StatusCode.Unauthenticated, "infrastructure service at http://127.0.0.1:9441 (from HOMELAB_INFRASTRUCTURE_SERVER)")]
    [InlineData(StatusCode.FailedPrecondition, "kustomization flux-system/x: detail from server")]
    [InlineData(StatusCode.InvalidArgument, "invalid request for kustomization flux-system/x: detail from server")]
    [InlineData(StatusCode.DeadlineExceeded, "timed out waiting for kustomization flux-system/x")]
    [InlineData(StatusCode.Unavailable, "cannot reach the infrastructure service at http://127.0.0.1:9441 (from HOMELAB_INFRASTRUCTURE_SERVER)")]
    [InlineData(StatusCode.Unimplemented, "does not implement")]
    [InlineData(StatusCode.Internal, "failed (Internal) for kustomization flux-system/x: detail from server")]
    public void Status_codes_map_to_clear_messages(StatusCode code, string expected)
    {
        var error = RpcErrors.Map(new RpcException(new Status(code, "detail from server")), Target, "kustomization flux-system/x");

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-token", error.Message, StringComparison.Ordinal);
    }
}
