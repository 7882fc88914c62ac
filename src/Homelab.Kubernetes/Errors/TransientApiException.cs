using System.Net;

namespace Homelab.Kubernetes.Errors;

/// <summary>
/// A refusal that may pass on retry: 429 TooManyRequests, 504/ServerTimeout, 503, 500. Carries the
/// server's Retry-After hint when it gave one.
/// </summary>
public sealed class TransientApiException(HttpStatusCode statusCode, string reason, string message, IReadOnlyList<StatusCause> causes, TimeSpan? retryAfter)
    : KubernetesApiException(statusCode, reason, message, causes)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public override bool IsTransient => true;
}
