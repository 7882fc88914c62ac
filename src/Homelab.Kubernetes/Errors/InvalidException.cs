using System.Net;

namespace Homelab.Kubernetes.Errors;

/// <summary>The API server said: the object failed validation (422 Invalid); <see cref="KubernetesApiException.Causes"/> name the fields.</summary>
public sealed class InvalidException(HttpStatusCode statusCode, string reason, string message, IReadOnlyList<StatusCause> causes)
    : KubernetesApiException(statusCode, reason, message, causes);
