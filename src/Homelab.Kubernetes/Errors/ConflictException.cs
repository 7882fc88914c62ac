using System.Net;

namespace Homelab.Kubernetes.Errors;

/// <summary>The API server said: a stale resourceVersion or a server-side apply field conflict (409 Conflict); <see cref="KubernetesApiException.Causes"/> list conflicting fields.</summary>
public sealed class ConflictException(HttpStatusCode statusCode, string reason, string message, IReadOnlyList<StatusCause> causes)
    : KubernetesApiException(statusCode, reason, message, causes);
