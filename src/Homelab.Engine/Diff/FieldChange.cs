namespace Homelab.Engine.Diff;

/// <summary>One differing field, as an RFC 6901 pointer into the object. <see cref="Masked"/> marks Secret values.</summary>
public sealed record FieldChange(string Path, FieldChangeKind Kind, bool Masked);
