namespace Homelab.Git.Refs;

/// <summary>One advertised ref from ls-remote. <see cref="PeeledSha"/> is the commit behind an annotated tag, when the server sent it.</summary>
public sealed record RemoteRef(string Name, string TargetSha, string? PeeledSha = null)
{
    /// <summary>The commit the ref points at, as far as the advertisement tells.</summary>
    public string CommitSha => PeeledSha ?? TargetSha;
}
