namespace Homelab.Kubernetes.Client;

/// <summary>Options for create, replace and patch: the manager recorded in managedFields, and dry run.</summary>
public sealed record WriteOptions(string? FieldManager = null, bool DryRun = false);
