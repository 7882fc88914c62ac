using Homelab.Git.Credentials;
using Homelab.Git.Refs;

namespace Homelab.Git.Fetching;

/// <summary>What a reconciler wants: a repository URL (canonical, before mapping), a ref and credentials.</summary>
public sealed record GitSourceRequest(string Url, RefSelector Ref, GitCredentials Credentials)
{
    public GitSourceRequest(string url, RefSelector selector)
        : this(url, selector, GitCredentials.Anonymous)
    {
    }

    // Records print their members; make sure a scrubbed URL is the most that ever shows.
    public override string ToString() => $"{Mapping.GitUrl.Scrub(Url)} ({Ref})";
}
