using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Homelab.Web.Endpoints;

/// <summary>How the JSON endpoints answer: raw JSON bodies, and errors as <c>{"error": "..."}</c> with an HTTP status that matches the gRPC one.</summary>
internal static class ApiResults
{
    public static IResult Json(string json) => Results.Text(json, "application/json; charset=utf-8");

    public static IResult Error(int statusCode, string message) =>
        Results.Json(new ErrorBody(message), statusCode: statusCode);

    public static IResult FromRpc(RpcException e, string what) => e.StatusCode switch
    {
        StatusCode.NotFound => Error(StatusCodes.Status404NotFound, e.Status.Detail),
        StatusCode.InvalidArgument => Error(StatusCodes.Status400BadRequest, e.Status.Detail),
        StatusCode.FailedPrecondition or StatusCode.AlreadyExists or StatusCode.Aborted => Error(StatusCodes.Status409Conflict, e.Status.Detail),
        StatusCode.Unauthenticated => Error(StatusCodes.Status401Unauthorized, e.Status.Detail),
        StatusCode.PermissionDenied => Error(StatusCodes.Status403Forbidden, e.Status.Detail),
        StatusCode.DeadlineExceeded => Error(StatusCodes.Status504GatewayTimeout, e.Status.Detail),
        StatusCode.Unavailable => Error(StatusCodes.Status503ServiceUnavailable, $"the {what} is unavailable"),
        _ => Error(StatusCodes.Status502BadGateway, $"the {what} failed: {e.Status.Detail}"),
    };

    private sealed record ErrorBody(string Error);
}
