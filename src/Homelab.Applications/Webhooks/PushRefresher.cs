using System.Text.Json.Nodes;
using Homelab.Applications.Telemetry;
using Homelab.Controllers.Hosting;
using Homelab.Git.Fetching;
using Homelab.Git.Mapping;
using Homelab.Git.Webhooks;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;
using Microsoft.Extensions.Options;

namespace Homelab.Applications.Webhooks;

/// <summary>
/// Refreshes Applications at once when a verified push arrives for one of their repositories, as Argo's
/// webhook handler does: it sets <c>argocd.argoproj.io/refresh: normal</c> and the controller compares
/// again. It follows the repositories the Applications use (canonical URL and, with <c>Git:UrlMappings</c>,
/// the mapped one) with one <see cref="GitPushNotifier"/> subscription each, kept in step with the cache.
/// </summary>
internal sealed class PushRefresher(
    ClusterCache cache,
    CrdInstallation crds,
    GitPushNotifier notifier,
    IClusterClient client,
    IOptions<GitSourceOptions> git,
    ILogger<PushRefresher> logger) : BackgroundService
{
    public const string RefreshAnnotation = "argocd.argoproj.io/refresh";

    private readonly RepositoryUrlMapper _mapper = new(git.Value.UrlMappings);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IDisposable> _subscriptions = new(StringComparer.Ordinal);
    private ResourceInformer? _informer;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await crds.Completed.WaitAsync(stoppingToken);
        var informer = await cache.WatchAsync(ArgoKinds.Group, ArgoKinds.Application, stoppingToken);
        _informer = informer;
        using var subscription = informer.Subscribe(_ => Resubscribe(informer));
        await informer.Synced.WaitAsync(stoppingToken);
        Resubscribe(informer);
        await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_lock)
        {
            foreach (var s in _subscriptions.Values)
            {
                s.Dispose();
            }

            _subscriptions.Clear();
        }
    }

    private void Resubscribe(ResourceInformer informer)
    {
        if (!informer.IsSynced)
        {
            return;
        }

        // Keyed by GitUrl.Key (one subscription per repository), subscribed by URL (the notifier keys it itself).
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var url in informer.List().SelectMany(RepositoryUrls))
        {
            wanted.TryAdd(GitUrl.Key(url), url);
        }

        lock (_lock)
        {
            foreach (var key in _subscriptions.Keys.Where(k => !wanted.ContainsKey(k)).ToList())
            {
                _subscriptions[key].Dispose();
                _subscriptions.Remove(key);
            }

            foreach (var (key, url) in wanted.Where(w => !_subscriptions.ContainsKey(w.Key)))
            {
                _subscriptions[key] = notifier.Subscribe(url, branch: null, OnPushAsync);
            }
        }
    }

    private async Task OnPushAsync(PushEvent push, CancellationToken cancellationToken)
    {
        if (_informer is not { IsSynced: true } informer)
        {
            return;
        }

        var pushed = push.RepositoryUrls.Select(GitUrl.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var application in informer.List())
        {
            if (Sources(application).Any(source => Matches(source, pushed, push)))
            {
                await RefreshAsync(application, cancellationToken);
            }
        }
    }

    private bool Matches(JsonObject source, HashSet<string> pushed, PushEvent push)
    {
        var url = source["repoURL"]?.GetValue<string>();
        if (string.IsNullOrEmpty(url) || !(pushed.Contains(GitUrl.Key(url)) || pushed.Contains(GitUrl.Key(_mapper.Map(url)))))
        {
            return false;
        }

        // A pinned commit never moves; anything else (HEAD, a branch, a tag, a range) may have.
        var revision = source["targetRevision"]?.GetValue<string>() ?? "";
        var pinned = revision.Length == 40 && revision.All(char.IsAsciiHexDigit);
        return !pinned || revision.Equals(push.Ref, StringComparison.OrdinalIgnoreCase);
    }

    private async Task RefreshAsync(KubeObject application, CancellationToken cancellationToken)
    {
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RefreshAnnotation] = "normal" } } };
        try
        {
            await client.PatchAsync(ObjectReference.From(application), patch.ToJsonString(), PatchType.Merge, new WriteOptions(), cancellationToken);
            logger.LogInformation("Push webhook: refreshing Application {Namespace}/{Name}", application.Namespace, application.Name);
        }
        catch (NotFoundException)
        {
            // Deleted meanwhile: nothing to refresh.
        }
    }

    /// <summary>Each source's canonical URL and, when mapped, the URL it is fetched from (pushes may name either).</summary>
    private IEnumerable<string> RepositoryUrls(KubeObject application) =>
        Sources(application)
            .Select(s => s["repoURL"]?.GetValue<string>())
            .Where(url => !string.IsNullOrEmpty(url))
            .SelectMany(url => new[] { url!, _mapper.Map(url!) });

    private static IEnumerable<JsonObject> Sources(KubeObject application)
    {
        if (application.Get("spec", "source") is JsonObject single)
        {
            yield return single;
        }

        if (application.Get("spec", "sources") is JsonArray many)
        {
            foreach (var source in many.OfType<JsonObject>())
            {
                yield return source;
            }
        }
    }
}
