using System.Diagnostics;
using Homelab.Api.Argo;
using Homelab.Applications.Applications;
using Homelab.Applications.Comparison.Sources;
using Homelab.Engine.Diff;
using Homelab.Engine.Diff.Ignore;
using Homelab.Engine.Inventory;
using Homelab.Engine.Plan;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Homelab.Manifests;
using Homelab.Manifests.Health;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Comparison;

/// <summary>
/// Desired against live for one Application: fetch its sources (Git only when asked to refresh or never
/// fetched), render them (cached per commit), stamp and place the objects as the sync would, and diff
/// each against the watch cache with the engine's differ. Hooks do not count toward sync status;
/// tracked live objects no longer desired require pruning. Health per resource by <see cref="HealthAssessor"/>.
/// </summary>
public sealed class ApplicationComparer
{
    public const string FieldManager = "argocd-controller";

    private static readonly TimeSpan CacheSyncTimeout = TimeSpan.FromSeconds(30);

    private readonly ApplicationValidator _validator;
    private readonly SourceFetcher _fetcher;
    private readonly DesiredStateRenderer _renderer;
    private readonly IClusterClient _client;
    private readonly ClusterCache _cache;
    private readonly string _controlPlaneNamespace;
    private readonly HealthAssessor _health = new();

    public ApplicationComparer(ApplicationValidator validator, SourceFetcher fetcher, DesiredStateRenderer renderer, IClusterClient client, ClusterCache cache, string controlPlaneNamespace)
    {
        _validator = validator;
        _fetcher = fetcher;
        _renderer = renderer;
        _client = client;
        _cache = cache;
        _controlPlaneNamespace = controlPlaneNamespace;
    }

    /// <summary>Renders the sources at <paramref name="revision"/> (null: the target revision) and diffs them against the live cache.</summary>
    public async Task<ApplicationComparison> CompareAsync(KubeObject application, string? revision, bool hardRefresh, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(application);
        var (app, errors) = await _validator.ValidateAsync(application, ct);
        if (app is null)
        {
            return new ApplicationComparison("", [], errors);
        }

        var outcome = await CompareAsync(app, [revision], refresh: hardRefresh, hardRefresh, ct);
        return outcome.Comparison;
    }

    /// <summary>The tracking instance name Argo CD would use for this Application.</summary>
    public string InstanceName(KubeObject application) =>
        ArgoTrackingId.InstanceName(application.Name, application.Namespace ?? "", _controlPlaneNamespace);

    /// <param name="revisions">Per source, a revision overriding targetRevision (null entries and missing ones use the target).</param>
    public async Task<ComparisonOutcome> CompareAsync(ValidatedApplication app, IReadOnlyList<string?> revisions, bool refresh, bool hard, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(app);
        var spec = app.Spec;
        var previous = TrackedInventory.Read(app.Object);
        if (hard)
        {
            _renderer.Forget(app.Key);
        }

        RenderedSources rendered;
        List<KubeObject> desired;
        IgnoreRuleSet ignore;
        using (var activity = Telemetry.ApplicationTelemetry.Source.StartActivity("render"))
        {
            try
            {
                var fetched = new List<FetchedSource>();
                for (var i = 0; i < spec.Sources.Count; i++)
                {
                    fetched.Add(await _fetcher.FetchAsync(spec.Sources[i], i < revisions.Count ? revisions[i] : null, refresh || hard, ct));
                }

                rendered = await _renderer.RenderAsync(app.Key, app.Object.Name, spec.Destination.Namespace, fetched, ct);
                ignore = IgnoreRules.Compile(spec.IgnoreDifferences);
                desired = await PrepareAsync(app, rendered.Objects, ct);
            }
            catch (Exception e) when (e is ComparisonException or ManifestException or ArgumentException or FormatException)
            {
                activity?.SetStatus(ActivityStatusCode.Error, e.Message);
                var failed = new ApplicationComparison("", [], [e.Message]);
                return new ComparisonOutcome(failed, [], null, previous, spec.Sources);
            }
        }

        using (Telemetry.ApplicationTelemetry.Source.StartActivity("compare"))
        {
            var resources = await DiffAsync(app, desired, previous, ignore, ct);
            var comparison = new ApplicationComparison(rendered.Revisions.FirstOrDefault() ?? "", resources, [])
            {
                Revisions = rendered.Revisions,
            };
            return new ComparisonOutcome(comparison, desired, rendered, previous, spec.Sources);
        }
    }

    /// <summary>As the engine will apply them: skip-hooks dropped, the destination namespace given to namespaced objects without one, tracking id stamped.</summary>
    private async Task<List<KubeObject>> PrepareAsync(ValidatedApplication app, IReadOnlyList<KubeObject> objects, CancellationToken ct)
    {
        var mark = new ArgoOwnerMark(InstanceName(app.Object));
        var prepared = new List<KubeObject>();
        foreach (var obj in objects)
        {
            if (HookParser.Parse(obj).Skip)
            {
                continue;
            }

            if (obj.Namespace is null && app.Spec.Destination.Namespace is { } ns && await IsNamespacedAsync(obj, ct) == true)
            {
                obj.Metadata!["namespace"] = ns;
            }

            mark.Stamp(obj);
            prepared.Add(obj);
        }

        return prepared;
    }

    private async Task<bool?> IsNamespacedAsync(KubeObject obj, CancellationToken ct)
    {
        try
        {
            return (await _client.Discovery.ResolveAsync(obj, ct)).Namespaced;
        }
        catch (UnknownKindException)
        {
            // A kind defined by a CRD in the same sync: the engine places it once the CRD exists.
            return null;
        }
    }

    private async Task<List<ResourceComparison>> DiffAsync(ValidatedApplication app, List<KubeObject> desired, IReadOnlyList<ObjectId> previous, IgnoreRuleSet ignore, CancellationToken ct)
    {
        var served = new Dictionary<(string, string), ResourceType?>();
        foreach (var kind in desired.Select(o => (o.Group, o.Kind)).Concat(previous.Select(p => (p.Group, p.Kind))).Distinct())
        {
            served[kind] = _client.Discovery.TryResolve(kind.Group, kind.Kind, null, out var type) ? type : null;
            if (served[kind] is not null)
            {
                var informer = await _cache.WatchAsync(kind.Group, kind.Kind, ct);
                await informer.Synced.WaitAsync(CacheSyncTimeout, ct);
            }
        }

        var differ = new ResourceDiffer(new DiffOptions { FieldManager = FieldManager, IgnoreRules = ignore });
        var mark = new ArgoOwnerMark(InstanceName(app.Object));
        var results = new List<ResourceComparison>();
        var desiredIds = new HashSet<ObjectId>();
        foreach (var obj in desired)
        {
            var type = served[(obj.Group, obj.Kind)];
            var live = type is null ? null : _cache.Get(obj.Id);
            var hook = HookParser.Parse(obj).IsHook;
            desiredIds.Add(obj.Id);
            if (hook)
            {
                if (live is not null)
                {
                    results.Add(Resource(obj.Id, type, ResourceComparison.Synced, false, true, SyncWave.Of(obj), "", live));
                }

                continue;
            }

            var diff = differ.Diff(obj, live);
            var status = diff.HasDifference ? ResourceComparison.OutOfSync : ResourceComparison.Synced;
            var permission = type is null ? null : app.Project.CheckResource(obj.Id, type.Namespaced);
            results.Add(Resource(obj.Id, type, status, false, false, SyncWave.Of(obj), diff.UnifiedDiff, live) with { PermissionError = permission, Version = type?.Version ?? obj.Version });
        }

        foreach (var id in previous.Where(p => !desiredIds.Contains(p)))
        {
            var type = served[(id.Group, id.Kind)];
            var live = type is null ? null : _cache.Get(id);
            if (live is null || !mark.IsMarked(live))
            {
                continue;
            }

            var extraneous = (live.GetAnnotation("argocd.argoproj.io/compare-options") ?? "").Contains("IgnoreExtraneous", StringComparison.Ordinal);
            var diff = differ.Diff(null, live);
            results.Add(Resource(id, type, extraneous ? ResourceComparison.Synced : ResourceComparison.OutOfSync, true, false, 0, diff.UnifiedDiff, live));
        }

        return results;
    }

    private ResourceComparison Resource(ObjectId id, ResourceType? type, string status, bool requiresPruning, bool hook, int wave, string diff, KubeObject? live)
    {
        var health = live is null ? new HealthStatus(HealthStatusCode.Missing, "") : _health.Assess(live);
        return new ResourceComparison(id, status, requiresPruning, hook, wave, diff, health?.Status.ToString() ?? "", health?.Message ?? "")
        {
            Version = type?.Version ?? live?.Version ?? "",
        };
    }
}
