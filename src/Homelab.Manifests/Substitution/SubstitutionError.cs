namespace Homelab.Manifests.Substitution;

/// <summary>A problem in one <c>${...}</c> expression; the caller adds which object it was in.</summary>
internal sealed class SubstitutionError : Exception
{
    public SubstitutionError(string message)
        : base(message)
    {
    }

    public SubstitutionError()
    {
    }

    public SubstitutionError(string message, Exception inner)
        : base(message, inner)
    {
    }
}
