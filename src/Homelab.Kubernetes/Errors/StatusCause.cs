namespace Homelab.Kubernetes.Errors;

/// <summary>One cause from a Status' <c>details.causes</c>: why a field was refused (e.g. FieldValueRequired, FieldManagerConflict).</summary>
public sealed record StatusCause(string Reason, string Message, string Field);
