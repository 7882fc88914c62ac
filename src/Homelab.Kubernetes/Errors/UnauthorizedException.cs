using System.Net;

namespace Homelab.Kubernetes.Errors;

/// <summary>The API server said: the credentials were not accepted (401 Unauthorized).</summary>
public sealed class UnauthorizedException(HttpStatusCode statusCode, string reason, string message, IReadOnlyList<StatusCause> causes)
    : KubernetesApiException(statusCode, reason, message, causes);
