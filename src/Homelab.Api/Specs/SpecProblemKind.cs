namespace Homelab.Api.Specs;

public enum SpecProblemKind
{
    /// <summary>The field is wrong (missing, mistyped, out of range): the object cannot be reconciled.</summary>
    Invalid,

    /// <summary>The field is valid for Flux or Argo CD but Homelab does not honour it (yet); it is reported, never silently ignored.</summary>
    Unsupported,
}
