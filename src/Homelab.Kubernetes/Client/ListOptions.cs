namespace Homelab.Kubernetes.Client;

/// <summary>What to list: one namespace (null: all namespaces, or cluster-scoped) and optional selectors.</summary>
public sealed record ListOptions(string? Namespace = null, string? LabelSelector = null, string? FieldSelector = null);
