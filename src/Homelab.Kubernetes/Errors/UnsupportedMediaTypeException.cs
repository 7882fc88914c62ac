using System.Net;

namespace Homelab.Kubernetes.Errors;

/// <summary>The API server said: the content type is not accepted for this resource (415), e.g. strategic merge on a custom resource.</summary>
public sealed class UnsupportedMediaTypeException(HttpStatusCode statusCode, string reason, string message, IReadOnlyList<StatusCause> causes)
    : KubernetesApiException(statusCode, reason, message, causes);
