using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Homelab.Api.Argo;
using Homelab.Api.Specs;
using Homelab.Applications.ApplicationSets.Generators;
using Homelab.Applications.ApplicationSets.Templates;
using Homelab.Controllers;
using Homelab.Controllers.Status;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;
using Microsoft.Extensions.Logging;

namespace Homelab.Applications.ApplicationSets;

/// <summary>
/// Reconciles an ApplicationSet: runs its generators, renders one Application per parameter set, applies the
/// ones missing or different, deletes owned ones no longer generated, and reports Argo's conditions and
/// <c>status.resources</c>. Any failure before the writes (spec, generator, Git, template) changes no
/// Application: a failed generation must never look like "generate nothing" and delete everything.
/// </summary>
public sealed partial class ApplicationSetReconciler(
    ClusterCache cache,
    IClusterClient client,
    ParameterSetGenerator generator,
    ApplicationSetRefresher refresher,
    StatusWriter statusWriter,
    TimeProvider time,
    ILogger<ApplicationSetReconciler> logger) : IReconciler
{
    public const string Group = "argoproj.io";

    /// <summary>Argo's annotation asking for a refresh (set by its webhook handler); removed once done.</summary>
    public const string RefreshAnnotation = "argocd.argoproj.io/application-set-refresh";

    private static readonly TimeSpan DefaultGitRequeue = TimeSpan.FromSeconds(180);

    // The Applications the last generation produced, so an owned Application's change (health, a manual edit)
    // is answered from memory instead of running the generators (and Git) again.
    private readonly ConcurrentDictionary<ObjectKey, Generation> _generations = new();
    private int _watchingApplications;

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        await WatchApplicationsAsync(cancellationToken);
        var applicationSet = cache.Get(new ObjectId(Group, DesiredApplications.ApplicationSetKind, key.Namespace, key.Name));
        if (applicationSet is null || applicationSet.Get("metadata", "deletionTimestamp") is not null)
        {
            // Owner references let the API server collect the generated Applications.
            refresher.Forget(key);
            _generations.TryRemove(key, out _);
            return ReconcileResult.Done;
        }

        var read = ApplicationSetReader.Read(applicationSet);
        var interval = RequeueInterval(applicationSet, read.Spec);
        var live = cache.List(Group, DesiredApplications.ApplicationKind, applicationSet.Namespace);
        var uid = applicationSet.GetString("metadata", "uid");
        var owned = live.Where(a => ApplicationSetWriter.ControllerUid(a) == uid).ToList();
        var unsupported = Unsupported(read);
        ApplicationSetStatus.Outcome outcome;
        IReadOnlyList<KubeObject> reported = owned;
        var retry = false;
        try
        {
            var generation = await GenerateAsync(key, applicationSet, read, interval, cancellationToken);
            var policy = ApplicationsSyncPolicy.Parse(applicationSet.GetString("spec", "syncPolicy", "applicationsSync"));
            var written = await new ApplicationSetWriter(client).WriteAsync(applicationSet, generation.Applications, live, policy, read.Spec.PreserveResourcesOnDeletion, cancellationToken);
            if (written.Created + written.Updated + written.Deleted > 0)
            {
                LogWritten(key, written.Created, written.Updated, written.Deleted);
            }

            var liveByName = live.ToDictionary(a => a.Name, StringComparer.Ordinal);
            reported = [.. generation.Applications.Select(a => liveByName.GetValueOrDefault(a.Name) ?? a)];
            outcome = new(true, written.ErrorReason, written.ErrorMessage, unsupported);
            retry = written.ErrorReason is not null;
        }
        catch (ApplicationSetException e)
        {
            LogFailed(key, e.Reason, e.Message);
            outcome = new(e.Reason is not (ApplicationSetReasons.ParamsGenerationError or ApplicationSetReasons.InvalidSpec), e.Reason, e.Message, unsupported);
            retry = e.Reason == ApplicationSetReasons.ParamsGenerationError;
            _generations.TryRemove(key, out _);
        }

        await WriteStatusAsync(applicationSet, outcome, reported, cancellationToken);
        if (retry)
        {
            return ReconcileResult.Retry();
        }

        return interval is { } every ? ReconcileResult.RequeueAfter(Jitter(every)) : ReconcileResult.Done;
    }

    private async Task<Generation> GenerateAsync(ObjectKey key, KubeObject applicationSet, SpecResult<ApplicationSetSpec> read, TimeSpan? interval, CancellationToken cancellationToken)
    {
        var version = applicationSet.Get("metadata", "generation")?.ToJsonString() ?? "";
        var refresh = applicationSet.GetAnnotation(RefreshAnnotation) is not null;
        var forced = refresher.TakeRequest(key);
        if (!refresh && !forced && _generations.TryGetValue(key, out var cached) && cached.Version == version
            && (interval is null || time.GetUtcNow() - cached.At < interval / 2))
        {
            return cached;
        }

        if (!read.IsValid)
        {
            throw new ApplicationSetException(ApplicationSetReasons.InvalidSpec, read.Describe(SpecProblemKind.Invalid));
        }

        var blocking = read.Unsupported.Where(p => p.Path.StartsWith("spec.generators", StringComparison.Ordinal) || p.Path.StartsWith("spec.templatePatch", StringComparison.Ordinal)).ToList();
        if (blocking.Count > 0)
        {
            // Running without these would generate a different set of Applications, and delete the difference.
            throw new ApplicationSetException(ApplicationSetReasons.ParamsGenerationError, "not supported yet, so nothing is generated: " + string.Join("; ", blocking));
        }

        GoTemplateOptions options;
        try
        {
            options = GoTemplateOptions.Parse(read.Spec.GoTemplateOptions);
        }
        catch (TemplateException e)
        {
            throw new ApplicationSetException(ApplicationSetReasons.InvalidSpec, "spec.goTemplateOptions: " + e.Message);
        }

        GeneratedParameters parameters;
        try
        {
            parameters = await generator.GenerateAsync(read.Spec, options, cancellationToken);
        }
        catch (GeneratorException e)
        {
            throw new ApplicationSetException(ApplicationSetReasons.ParamsGenerationError, e.Message);
        }

        refresher.Track(key, parameters.GitSources);
        var applications = DesiredApplications.Build(applicationSet, read.Spec.Template, parameters.Sets, new ApplicationTemplateRenderer(read.Spec.GoTemplate, options));
        var generation = new Generation(version, time.GetUtcNow(), applications);
        _generations[key] = generation;
        if (refresh)
        {
            await RemoveRefreshAnnotationAsync(applicationSet, cancellationToken);
        }

        return generation;
    }

    private async Task WriteStatusAsync(KubeObject applicationSet, ApplicationSetStatus.Outcome outcome, IReadOnlyList<KubeObject> applications, CancellationToken cancellationToken)
    {
        var status = ApplicationSetStatus.Build(applicationSet, outcome, applications, time.GetUtcNow());
        if (ApplicationSetStatus.IsCurrent(applicationSet, status))
        {
            return;
        }

        try
        {
            await statusWriter.PatchStatusAsync(applicationSet, status, cancellationToken);
        }
        catch (NotFoundException)
        {
            // Deleted meanwhile: its delete event reconciles it once more.
        }
    }

    private async Task RemoveRefreshAnnotationAsync(KubeObject applicationSet, CancellationToken cancellationToken)
    {
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RefreshAnnotation] = null } } };
        try
        {
            await client.PatchAsync(ObjectReference.From(applicationSet), patch.ToJsonString(), PatchType.Merge, new WriteOptions(), cancellationToken);
        }
        catch (NotFoundException)
        {
            // Gone already.
        }
    }

    private async Task WatchApplicationsAsync(CancellationToken cancellationToken)
    {
        var informer = await cache.WatchAsync(Group, DesiredApplications.ApplicationKind, cancellationToken);
        if (Interlocked.Exchange(ref _watchingApplications, 1) == 0)
        {
            // The subscription lives as long as the cache (both singletons).
            _ = informer.Subscribe(OnApplicationChanged);
        }

        await informer.Synced.WaitAsync(cancellationToken);
    }

    // A generated Application changed in a way the ApplicationSet cares about: recreated or reverted if edited
    // or deleted by hand, and its sync and health reported in status.resources.
    private void OnApplicationChanged(CacheEvent e)
    {
        if (e.Type == CacheEventType.Updated && e.Previous is { } before && !Differs(before, e.Object))
        {
            return;
        }

        var owner = (e.Object.Get("metadata", "ownerReferences") as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(r => r["kind"]?.GetValue<string>() == DesiredApplications.ApplicationSetKind)?["name"]?.GetValue<string>();
        if (owner is not null)
        {
            refresher.Wake(new ObjectKey(e.Object.Namespace, owner));
        }
    }

    private static bool Differs(KubeObject before, KubeObject now) =>
        !JsonNode.DeepEquals(before.Get("spec"), now.Get("spec"))
        || !JsonNode.DeepEquals(before.Get("metadata", "labels"), now.Get("metadata", "labels"))
        || !JsonNode.DeepEquals(before.Get("metadata", "annotations"), now.Get("metadata", "annotations"))
        || !JsonNode.DeepEquals(before.Get("metadata", "deletionTimestamp"), now.Get("metadata", "deletionTimestamp"))
        || before.GetString("status", "sync", "status") != now.GetString("status", "sync", "status")
        || before.GetString("status", "health", "status") != now.GetString("status", "health", "status");

    /// <summary>Git generators poll (<c>requeueAfterSeconds</c>, default 180 s; the shortest wins); list-only sets do not.</summary>
    private static TimeSpan? RequeueInterval(KubeObject applicationSet, ApplicationSetSpec spec)
    {
        TimeSpan? interval = null;
        var generators = applicationSet.Get("spec", "generators") as JsonArray;
        for (var i = 0; i < spec.Generators.Count; i++)
        {
            if (spec.Generators[i].Git is null)
            {
                continue;
            }

            var seconds = generators?[i]?["git"]?["requeueAfterSeconds"] is JsonValue v && v.TryGetValue<long>(out var s) && s > 0 ? TimeSpan.FromSeconds(s) : DefaultGitRequeue;
            interval = interval is null || seconds < interval ? seconds : interval;
        }

        return interval;
    }

    // Up to 5% later, so ApplicationSets created together do not poll Git together forever.
    private static TimeSpan Jitter(TimeSpan interval) => interval + (interval * (Random.Shared.NextDouble() * 0.05));

    // applicationsSync is honoured here although the shared reader still lists it as unsupported.
    private static string? Unsupported(SpecResult<ApplicationSetSpec> read)
    {
        var problems = read.Unsupported.Where(p => p.Path != "spec.syncPolicy.applicationsSync").ToList();
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ApplicationSet {Key}: created {Created}, updated {Updated}, deleted {Deleted} Applications")]
    private partial void LogWritten(ObjectKey key, int created, int updated, int deleted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ApplicationSet {Key}: {Reason}: {Message}; no Application was changed")]
    private partial void LogFailed(ObjectKey key, string reason, string message);

    private sealed record Generation(string Version, DateTimeOffset At, IReadOnlyList<KubeObject> Applications);
}
