using Homelab.Api.Flux;
using Homelab.Api.Status;
using Homelab.Git.Snapshots;
using Homelab.Kubernetes.Caching;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Sources;

/// <summary>
/// The GitRepository artifacts of this process (<see cref="ISourceArtifacts"/>): a lease is the commit's
/// tree from the <see cref="SnapshotStore"/>, shared by every consumer of that revision. A new revision
/// is announced to subscribers at once, so Kustomizations do not wait for their own interval.
/// </summary>
public sealed class GitArtifactStore(SnapshotStore snapshots, ClusterCache cache, ILogger<GitArtifactStore> logger) : ISourceArtifacts
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SourceReference, GitArtifact> _artifacts = [];
    private readonly List<Action<SourceReference>> _subscribers = [];

    public async Task<SourceArtifactLease?> AcquireAsync(SourceReference source, CancellationToken cancellationToken)
    {
        var artifact = Find(source);
        if (artifact is null)
        {
            return null;
        }

        var lease = await snapshots.AcquireAsync(artifact.CacheRepositoryPath, artifact.Revision, artifact.Ignore, cancellationToken);
        return new SourceArtifactLease(artifact.Revision.ToString(), lease.Path, lease);
    }

    public SourceArtifactState Describe(SourceReference source)
    {
        if (!IsGitRepository(source))
        {
            return new SourceArtifactState(false, false, $"source kind '{source.Kind}' is not served by the Git artifact store");
        }

        KubeObject? obj;
        try
        {
            obj = cache.Get(new ObjectId(FluxKinds.SourceGroup, FluxKinds.GitRepository, source.Namespace, source.Name));
        }
        catch (InvalidOperationException)
        {
            return new SourceArtifactState(false, false, "GitRepositories are not loaded yet");
        }

        if (obj is null)
        {
            return new SourceArtifactState(false, false, $"GitRepository '{source.Namespace}/{source.Name}' not found");
        }

        var ready = GitRepositoryStatus.ReadConditions(obj).FirstOrDefault(c => c.Type == ConditionTypes.Ready);
        var artifact = Find(source);
        if (artifact is null)
        {
            return new SourceArtifactState(true, false, ready is { IsTrue: false } ? ready.Message : "waiting for the source's artifact");
        }

        return ready is { IsTrue: false }
            ? new SourceArtifactState(true, false, ready.Message)
            : new SourceArtifactState(true, true, GitRepositoryStatus.StoredMessage(artifact.Revision));
    }

    public IDisposable Subscribe(Action<SourceReference> onNewArtifact)
    {
        ArgumentNullException.ThrowIfNull(onNewArtifact);
        lock (_gate)
        {
            _subscribers.Add(onNewArtifact);
        }

        return new Subscription(this, onNewArtifact);
    }

    public GitArtifact? Find(SourceReference source)
    {
        if (!IsGitRepository(source))
        {
            return null;
        }

        lock (_gate)
        {
            return _artifacts.GetValueOrDefault(Normalise(source));
        }
    }

    /// <summary>Records the source's artifact; subscribers hear of it when it is a new revision (or the first one this process has).</summary>
    public void Store(SourceReference source, GitArtifact artifact)
    {
        source = Normalise(source);
        Action<SourceReference>[] subscribers;
        lock (_gate)
        {
            var previous = _artifacts.GetValueOrDefault(source);
            _artifacts[source] = artifact;
            if (previous is not null && previous.Revision.SameCommit(artifact.Revision) && previous.Ignore == artifact.Ignore)
            {
                return;
            }

            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber(source);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "A subscriber to new artifacts of {Source} failed", source);
            }
        }
    }

    public void Remove(SourceReference source)
    {
        lock (_gate)
        {
            _artifacts.Remove(Normalise(source));
        }
    }

    private static bool IsGitRepository(SourceReference source) =>
        string.Equals(source.Kind, FluxKinds.GitRepository, StringComparison.Ordinal);

    private static SourceReference Normalise(SourceReference source) => source with { Kind = FluxKinds.GitRepository };

    private sealed class Subscription(GitArtifactStore owner, Action<SourceReference> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._subscribers.Remove(handler);
            }
        }
    }
}
