using System.Net;

namespace Homelab.Kubernetes.Errors;

/// <summary>The API server said: the credentials may not do this (403 Forbidden).</summary>
public sealed class ForbiddenException(HttpStatusCode statusCode, string reason, string message, IReadOnlyList<StatusCause> causes)
    : KubernetesApiException(statusCode, reason, message, causes);
