using Homelab.Api.Flux;
using Homelab.Api.Specs;
using Homelab.Api.Status;
using Homelab.Controllers;
using Homelab.Controllers.Status;
using Homelab.Git;
using Homelab.Git.Credentials;
using Homelab.Git.Fetching;
using Homelab.Git.Refs;
using Homelab.Git.Snapshots;
using Homelab.Infrastructure.Telemetry;
using Homelab.Infrastructure.Webhooks;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Sources;

/// <summary>
/// source-controller for GitRepository: lists the remote ref (one cheap ls-remote when nothing moved),
/// fetches when it moved, stores the commit's tree as the artifact consumers lease, and writes Flux's
/// status. A failed fetch keeps serving the last artifact. Requeued at <c>interval</c> ± 5%.
/// </summary>
public sealed class GitRepositoryReconciler(
    ClusterCache cache,
    GitSourceClient git,
    SnapshotStore snapshots,
    GitArtifactStore artifacts,
    GitCredentialsLoader credentials,
    GitPushSubscriptions pushes,
    StatusWriter statusWriter,
    EventRecorder events,
    InfrastructureTelemetry telemetry,
    TimeProvider time,
    ILogger<GitRepositoryReconciler> logger) : IReconciler
{
    public const string ReportingController = "source-controller";

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var source = new SourceReference(FluxKinds.GitRepository, key.Name, key.Namespace ?? "");
        var obj = cache.Get(new ObjectId(FluxKinds.SourceGroup, FluxKinds.GitRepository, key.Namespace, key.Name));
        if (obj is null || obj.Get("metadata", "deletionTimestamp") is not null)
        {
            artifacts.Remove(source);
            pushes.Forget(key);
            return ReconcileResult.Done;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["kind"] = FluxKinds.GitRepository,
            ["namespace"] = key.Namespace,
            ["name"] = key.Name,
            ["revision"] = obj.GetString("status", "artifact", "revision"),
        });
        using var activity = InfrastructureTelemetry.Source.StartActivity($"reconcile {FluxKinds.GitRepository} {key}");
        using var measure = telemetry.MeasureReconcile(FluxKinds.GitRepository, key.Namespace ?? "", key.Name);

        var status = new GitRepositoryStatus(obj, time.GetUtcNow());
        var read = GitRepositoryReader.Read(obj);
        status.Unsupported(read.Unsupported.Count == 0 ? null : read.Describe(SpecProblemKind.Unsupported));
        if (!read.IsValid)
        {
            var problem = read.Describe(SpecProblemKind.Invalid);
            status.Stalled(ConditionReasons.InvalidSpec, problem);
            await WriteAsync(obj, status, cancellationToken);
            await events.RecordAsync(obj, ReportingController, EventSeverity.Warning, ConditionReasons.InvalidSpec, problem, cancellationToken);
            // Nothing changes until the object is edited, and an edit enqueues it.
            return ReconcileResult.Done;
        }

        var spec = read.Spec;
        if (spec.Suspend)
        {
            logger.LogDebug("GitRepository {Key} is suspended", key);
            return ReconcileResult.Done;
        }

        pushes.Watch(key, spec.Url, spec.Ref.Commit is null && spec.Ref.Name is null && spec.Ref.Semver is null && spec.Ref.Tag is null ? spec.Ref.Branch : null);
        var failure = await FetchAsync(obj, source, spec, status, cancellationToken);
        await WriteAsync(obj, status, cancellationToken);
        if (failure is not null)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, failure);
            await events.RecordAsync(obj, ReportingController, EventSeverity.Warning, ConditionReasons.GitOperationFailed, failure, cancellationToken);
            return ReconcileResult.Retry(IntervalJitter.Apply(spec.Interval));
        }

        return ReconcileResult.RequeueAfter(IntervalJitter.Apply(spec.Interval));
    }

    /// <summary>Fetches and stores the artifact, recording the outcome in <paramref name="status"/>; returns the failure message, if any.</summary>
    private async Task<string?> FetchAsync(KubeObject obj, SourceReference source, GitRepositorySpec spec, GitRepositoryStatus status, CancellationToken cancellationToken)
    {
        GitSourceRequest request;
        try
        {
            var selector = new GitRepositoryRef(spec.Ref.Branch, spec.Ref.Tag, spec.Ref.Semver, spec.Ref.Name, spec.Ref.Commit).ToSelector();
            request = new GitSourceRequest(spec.Url, selector, await credentials.LoadAsync(spec.SecretRef, source.Namespace, cancellationToken));
        }
        catch (GitCredentialsException e)
        {
            status.FetchFailed(ConditionReasons.AuthenticationFailed, e.Message);
            return e.Message;
        }
        catch (GitSourceException e)
        {
            // An invalid ref (malformed commit, name outside refs/, bad semver range): the spec must change.
            status.Stalled(ConditionReasons.InvalidSpec, e.Message);
            return e.Message;
        }

        using var fetchSpan = InfrastructureTelemetry.Source.StartActivity("fetch");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(spec.Timeout);
        try
        {
            var previous = artifacts.Find(source)?.Revision ?? GitRepositoryStatus.ArtifactRevision(obj);
            var result = await git.SyncAsync(request, previous, timeout.Token);
            var known = artifacts.Find(source);
            var artifact = known is not null && known.Revision.SameCommit(result.Revision) && known.Revision.RefName == result.Revision.RefName && known.Ignore == spec.Ignore
                ? known
                : new GitArtifact(result.Revision, result.CacheRepositoryPath, spec.Ignore, time.GetUtcNow());

            // Materialise (and so validate) the tree before announcing it: an unsafe tree must fail here, not in a consumer.
            string treeUrl;
            using (var lease = await snapshots.AcquireAsync(artifact.CacheRepositoryPath, artifact.Revision, artifact.Ignore, timeout.Token))
            {
                treeUrl = new Uri(lease.Path).AbsoluteUri;
            }

            status.Stored(artifact, $"gitrepository/{source.Namespace}/{source.Name}/{artifact.Revision.Sha}.tar.gz", treeUrl);
            if (!ReferenceEquals(artifact, known))
            {
                if (result.HistoryRewritten)
                {
                    logger.LogWarning("GitRepository {Namespace}/{Name}: history rewritten (force-push) to {Revision}", source.Namespace, source.Name, artifact.Revision);
                }

                logger.LogInformation("GitRepository {Namespace}/{Name}: stored artifact for revision {Revision}", source.Namespace, source.Name, artifact.Revision);
                await events.RecordAsync(obj, ReportingController, EventSeverity.Normal, "NewArtifact", GitRepositoryStatus.StoredMessage(artifact.Revision), cancellationToken);
                artifacts.Store(source, artifact);
            }

            return null;
        }
        catch (GitSourceException e)
        {
            var reason = e.Reason == GitFailureReason.AuthenticationFailed ? ConditionReasons.AuthenticationFailed : ConditionReasons.GitOperationFailed;
            fetchSpan?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
            status.FetchFailed(reason, e.Message);
            return e.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var message = $"fetching '{Homelab.Git.Mapping.GitUrl.Scrub(spec.Url)}' timed out after {new GoDuration(spec.Timeout)}";
            status.FetchFailed(ConditionReasons.GitOperationFailed, message);
            return message;
        }
    }

    private async Task WriteAsync(KubeObject obj, GitRepositoryStatus status, CancellationToken cancellationToken)
    {
        var next = status.Build();
        if (next is null)
        {
            return;
        }

        try
        {
            await statusWriter.PatchStatusAsync(obj, next, cancellationToken);
        }
        catch (NotFoundException)
        {
            // Deleted meanwhile: the delete event enqueues it again and cleans up.
        }
    }
}
