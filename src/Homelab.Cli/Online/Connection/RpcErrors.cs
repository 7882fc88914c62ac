using Grpc.Core;

namespace Homelab.Cli.Online.Connection;

/// <summary>
/// Turns a gRPC failure into one line a user can act on: what was asked for, which server (and how
/// it was found) and what to do. The server's detail is kept, the token never appears.
/// </summary>
public static class RpcErrors
{
    /// <param name="subject">What the call was about, e.g. "kustomization flux-system/apps" or "application argocd/plex".</param>
    public static CommandFailedException Map(RpcException error, ServiceTarget target, string subject)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(target);
        var detail = error.Status.Detail;
        var message = error.StatusCode switch
        {
            StatusCode.NotFound => $"{subject} not found",
            StatusCode.Unauthenticated =>
                $"the {target.Describe()} refused the request for {subject}: missing or wrong token; set {ServiceKind.TokenVariable}",
            StatusCode.PermissionDenied =>
                $"the {target.Describe()} denied the request for {subject}: {detail}; check {ServiceKind.TokenVariable}",
            StatusCode.InvalidArgument => $"invalid request for {subject}: {detail}",
            StatusCode.FailedPrecondition => $"{subject}: {detail}",
            StatusCode.AlreadyExists => $"{subject}: {detail}",
            StatusCode.DeadlineExceeded => $"timed out waiting for {subject}" + (string.IsNullOrEmpty(detail) ? "" : $": {detail}"),
            StatusCode.Unavailable => $"cannot reach the {target.Describe()}: {Unwrap(error)}",
            StatusCode.Unimplemented => $"the {target.Describe()} does not implement this call: is it an older version than the CLI?",
            StatusCode.Cancelled => "cancelled",
            _ => $"the {target.Describe()} failed ({error.StatusCode}) for {subject}: {detail}",
        };
        return new CommandFailedException(message, error);
    }

    /// <summary>The innermost cause of a transport failure ("Connection refused"), not gRPC's wrapper text.</summary>
    private static string Unwrap(RpcException error)
    {
        Exception? inner = error.Status.DebugException;
        while (inner?.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner?.Message ?? error.Status.Detail;
    }
}
