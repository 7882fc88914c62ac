namespace Homelab.Kubernetes.Client;

/// <summary>Server-side apply: the field manager that will own the applied fields, force to take over conflicting fields, and dry run.</summary>
public sealed record ApplyOptions(string FieldManager, bool Force = false, bool DryRun = false);
