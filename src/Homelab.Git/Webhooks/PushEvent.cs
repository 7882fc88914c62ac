namespace Homelab.Git.Webhooks;

/// <summary>A verified push: the repository under every URL the payload names, and the full ref pushed.</summary>
public sealed record PushEvent(IReadOnlyList<string> RepositoryUrls, string Ref)
{
    public string? Branch => Ref.StartsWith("refs/heads/", StringComparison.Ordinal) ? Ref["refs/heads/".Length..] : null;

    public string? Tag => Ref.StartsWith("refs/tags/", StringComparison.Ordinal) ? Ref["refs/tags/".Length..] : null;
}
