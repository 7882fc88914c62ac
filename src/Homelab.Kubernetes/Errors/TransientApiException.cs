using System.Net;

namespace Homelab.Kubernetes.Errors;

/// <summary>
/// A failure that may pass on retry: 429 TooManyRequests, 504/ServerTimeout, 503, 500, or no
/// connection at all. Carries the server's Retry-After hint when it gave one.
/// </summary>
public sealed class TransientApiException(HttpStatusCode statusCode, string reason, string message, IReadOnlyList<StatusCause> causes, TimeSpan? retryAfter, Exception? innerException = null)
    : KubernetesApiException(statusCode, reason, message, causes, innerException)
{
    /// <summary>The server could not be reached at all (refused, reset, DNS): as retryable as a 503.</summary>
    public static TransientApiException ConnectionFailed(Uri server, HttpRequestException error) =>
        new(0, "ConnectionFailed", $"cannot reach the API server at {server}: {error.Message}", [], null, error);

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public override bool IsTransient => true;
}
