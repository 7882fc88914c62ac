using Homelab.Manifests.Objects;

namespace Homelab.Kubernetes.Client;

/// <summary>A list result: the items and the collection's resourceVersion to watch from.</summary>
public sealed record ObjectList(IReadOnlyList<KubeObject> Items, string ResourceVersion);
