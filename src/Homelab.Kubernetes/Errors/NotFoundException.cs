using System.Net;

namespace Homelab.Kubernetes.Errors;

/// <summary>The API server said: the object (or its resource type) does not exist (404 NotFound).</summary>
public sealed class NotFoundException(HttpStatusCode statusCode, string reason, string message, IReadOnlyList<StatusCause> causes)
    : KubernetesApiException(statusCode, reason, message, causes);
