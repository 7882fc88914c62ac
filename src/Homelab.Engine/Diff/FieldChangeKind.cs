namespace Homelab.Engine.Diff;

public enum FieldChangeKind
{
    /// <summary>Both sides have the field with different values.</summary>
    Changed,

    /// <summary>Desired sets the field; live does not have it.</summary>
    Added,

    /// <summary>Our field manager owns the field in live, but desired no longer sets it (a line deleted from Git).</summary>
    Removed,
}
