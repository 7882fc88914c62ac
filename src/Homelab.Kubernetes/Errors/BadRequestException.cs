using System.Net;

namespace Homelab.Kubernetes.Errors;

/// <summary>The API server said: the request itself was malformed (400 BadRequest).</summary>
public sealed class BadRequestException(HttpStatusCode statusCode, string reason, string message, IReadOnlyList<StatusCause> causes)
    : KubernetesApiException(statusCode, reason, message, causes);
