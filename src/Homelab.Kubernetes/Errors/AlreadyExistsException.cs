using System.Net;

namespace Homelab.Kubernetes.Errors;

/// <summary>The API server said: create of an object that already exists (409 AlreadyExists).</summary>
public sealed class AlreadyExistsException(HttpStatusCode statusCode, string reason, string message, IReadOnlyList<StatusCause> causes)
    : KubernetesApiException(statusCode, reason, message, causes);
