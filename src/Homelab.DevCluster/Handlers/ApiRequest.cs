using Homelab.DevCluster.Discovery;

namespace Homelab.DevCluster.Handlers;

/// <summary>A resource request after routing: which resource, which object, which verb (named as Kubernetes names it).</summary>
internal sealed record ApiRequest(string Verb, ResourceType Type, string? Namespace, string? Name, string? Subresource);
