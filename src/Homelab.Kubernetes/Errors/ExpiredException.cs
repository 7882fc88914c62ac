using System.Net;

namespace Homelab.Kubernetes.Errors;

/// <summary>The API server said: the resourceVersion asked for is too old (410 Gone / Expired): relist.</summary>
public sealed class ExpiredException(HttpStatusCode statusCode, string reason, string message, IReadOnlyList<StatusCause> causes)
    : KubernetesApiException(statusCode, reason, message, causes);
