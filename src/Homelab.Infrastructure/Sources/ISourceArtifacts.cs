using Homelab.Api.Flux;

namespace Homelab.Infrastructure.Sources;

/// <summary>
/// The artifacts the source controllers produced, shared in-process with the controllers that consume them
/// (Kustomization, HelmRelease) — the role source-controller's artifact server plays in Flux, without a tarball.
/// </summary>
public interface ISourceArtifacts
{
    /// <summary>
    /// Leases the source's current artifact (kept on disk until the lease is disposed), or null when the
    /// source does not exist or has no artifact yet; <see cref="SourceArtifactState"/> says which.
    /// </summary>
    Task<SourceArtifactLease?> AcquireAsync(SourceReference source, CancellationToken cancellationToken);

    /// <summary>Why <see cref="AcquireAsync"/> has nothing: the source is missing, not ready (with its Ready message), or fine.</summary>
    SourceArtifactState Describe(SourceReference source);

    /// <summary>Called whenever a source gets a new artifact revision, so consumers reconcile at once.</summary>
    IDisposable Subscribe(Action<SourceReference> onNewArtifact);
}

/// <summary>A source's artifact on disk: <see cref="RootPath"/> is the repository tree at <see cref="Revision"/> (Flux form, e.g. <c>main@sha1:…</c>).</summary>
public sealed class SourceArtifactLease(string revision, string rootPath, IDisposable release) : IDisposable
{
    public string Revision { get; } = revision;

    public string RootPath { get; } = rootPath;

    public void Dispose() => release.Dispose();
}

/// <summary>A source as consumers see it: whether it exists, whether it is ready, and its Ready message.</summary>
public sealed record SourceArtifactState(bool Exists, bool Ready, string Message);
