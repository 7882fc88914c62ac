using System.Net;

namespace Homelab.Kubernetes.Errors;

/// <summary>
/// A request the API server refused, carrying its Status: code, reason, message and causes.
/// Subclasses name the cases callers branch on; <see cref="IsTransient"/> says whether retrying may help.
/// </summary>
public class KubernetesApiException : Exception
{
    public KubernetesApiException(HttpStatusCode statusCode, string reason, string message, IReadOnlyList<StatusCause> causes, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Reason = reason;
        Causes = causes;
    }

    /// <summary>The HTTP status, or 0 when no response arrived (see <see cref="TransientApiException.ConnectionFailed"/>).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The Status reason (NotFound, Conflict, Invalid, ...), or the HTTP reason phrase when the body was not a Status.</summary>
    public string Reason { get; }

    public IReadOnlyList<StatusCause> Causes { get; }

    /// <summary>True when the same request may succeed later (throttling, timeouts, server unavailable).</summary>
    public virtual bool IsTransient => false;
}
