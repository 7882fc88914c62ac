namespace Homelab.Api.Flux;

/// <summary>What a GitRepository asks for. <see cref="Ref"/> is resolved by precedence commit &gt; name &gt; semver &gt; tag &gt; branch.</summary>
public sealed record GitRepositorySpec(
    string Url,
    GitReference Ref,
    TimeSpan Interval,
    TimeSpan Timeout,
    string? SecretRef,
    string? Ignore,
    bool Suspend);

/// <summary>The Git reference to follow; with none given Flux follows the <c>master</c> branch.</summary>
public sealed record GitReference(string? Branch, string? Tag, string? Semver, string? Name, string? Commit);
