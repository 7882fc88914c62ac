using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Homelab.Controllers.Metrics;
using Homelab.Controllers.Status;
using Homelab.Controllers.Tests.Infrastructure;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace Homelab.Controllers.Tests.Controllers;

public sealed class ControllerTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Existing_and_new_objects_are_reconciled_once_and_status_writes_do_not_wake_them_again()
    {
        var ns = await cluster.CreateNamespaceAsync("loop");
        foreach (var name in new[] { "a", "b", "c" })
        {
            await cluster.Client.CreateAsync(Widgets.New(ns, name), new WriteOptions(), Ct);
        }

        await using var harness = await Harness.StartAsync(cluster, ns, workers: 1);
        await Eventually.TrueAsync(() => harness.Reconciler.Count("a") == 1 && harness.Reconciler.Count("b") == 1 && harness.Reconciler.Count("c") == 1, "existing widgets reconciled");
        await cluster.Client.CreateAsync(Widgets.New(ns, "d"), new WriteOptions(), Ct);
        await Eventually.TrueAsync(() => harness.Reconciler.Count("d") == 1, "a new widget reconciled");

        // Each reconcile wrote status; those watch events came before the sentinel's, and one worker
        // takes keys in order, so once the sentinel is reconciled any loop would already show.
        await harness.SentinelAsync();
        Assert.All(["a", "b", "c", "d"], name => Assert.Equal(1, harness.Reconciler.Count(name)));
        var stored = await cluster.Client.GetAsync(new ObjectReference(Widgets.ApiVersion, Widgets.Kind, ns, "a"), Ct);
        Assert.Equal(1, stored.Get("status", "observedGeneration")!.GetValue<long>());

        await MetricsText.AssertEventuallyAsync(harness.Registry, 5, "controller_runtime_reconcile_total", $"controller=\"{harness.Name}\"", "result=\"success\"");
        await MetricsText.AssertEventuallyAsync(harness.Registry, 0, "workqueue_depth", $"name=\"{harness.Name}\"");
    }

    [Fact]
    public async Task Spec_and_annotation_changes_wake_an_object_but_a_status_change_by_another_writer_does_not()
    {
        var ns = await cluster.CreateNamespaceAsync("changes");
        await cluster.Client.CreateAsync(Widgets.New(ns, "w"), new WriteOptions(), Ct);
        await using var harness = await Harness.StartAsync(cluster, ns, workers: 1);
        await Eventually.TrueAsync(() => harness.Reconciler.Count("w") == 1, "first reconcile");
        var reference = new ObjectReference(Widgets.ApiVersion, Widgets.Kind, ns, "w");

        await cluster.Client.PatchAsync(reference, """{"spec":{"size":"large"}}""", PatchType.Merge, new WriteOptions(), Ct);
        await Eventually.TrueAsync(() => harness.Reconciler.Count("w") == 2, "reconciled after a spec change");

        await cluster.Client.PatchAsync(reference, """{"metadata":{"annotations":{"reconcile.fluxcd.io/requestedAt":"now"}}}""", PatchType.Merge, new WriteOptions(), Ct);
        await Eventually.TrueAsync(() => harness.Reconciler.Count("w") == 3, "reconciled after an annotation change");

        await cluster.Client.PatchAsync(reference, """{"status":{"other":"writer"}}""", PatchType.Merge, new WriteOptions { Subresource = "status" }, Ct);
        await harness.SentinelAsync();
        Assert.Equal(3, harness.Reconciler.Count("w"));
    }

    [Fact]
    public async Task A_deleted_object_still_reaches_the_reconciler_which_finds_it_gone()
    {
        var ns = await cluster.CreateNamespaceAsync("delete");
        await cluster.Client.CreateAsync(Widgets.New(ns, "gone"), new WriteOptions(), Ct);
        await using var harness = await Harness.StartAsync(cluster, ns);
        await Eventually.TrueAsync(() => harness.Reconciler.Count("gone") == 1, "first reconcile");

        await cluster.Client.DeleteAsync(new ObjectReference(Widgets.ApiVersion, Widgets.Kind, ns, "gone"), new DeleteOptions(), Ct);

        await Eventually.TrueAsync(() => harness.Reconciler.Deleted.Contains(new ObjectKey(ns, "gone")), "the reconciler saw the deletion");
    }

    [Fact]
    public async Task Objects_outside_the_configured_namespaces_are_ignored()
    {
        var ns = await cluster.CreateNamespaceAsync("scoped");
        var other = await cluster.CreateNamespaceAsync("other");
        await cluster.Client.CreateAsync(Widgets.New(other, "outside"), new WriteOptions(), Ct);
        await using var harness = await Harness.StartAsync(cluster, ns, workers: 1);
        await cluster.Client.CreateAsync(Widgets.New(other, "outside-too"), new WriteOptions(), Ct);

        await harness.SentinelAsync();
        Assert.Equal(0, harness.Reconciler.Count("outside"));
        Assert.Equal(0, harness.Reconciler.Count("outside-too"));
    }

    [Fact]
    public async Task An_exception_is_retried_with_backoff_and_counted_as_an_error()
    {
        var ns = await cluster.CreateNamespaceAsync("fails");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await cluster.Client.CreateAsync(Widgets.New(ns, "flaky"), new WriteOptions(), Ct);
        await using var harness = await Harness.StartAsync(cluster, ns, time: time, failFirst: 2);
        await Eventually.TrueAsync(() => harness.Reconciler.Count("flaky") == 1, "first (failing) attempt");

        // 750 ms after the first failure, then 1.5 s after the second. The result metric is recorded
        // after the retry is scheduled, so waiting for it means the retry timer exists before time moves.
        var errors = new[] { $"controller=\"{harness.Name}\"", "result=\"error\"" };
        await MetricsText.AssertEventuallyAsync(harness.Registry, 1, "controller_runtime_reconcile_total", errors);
        await AdvanceUntilAsync(time, () => harness.Reconciler.Count("flaky") == 2, TimeSpan.FromMilliseconds(750));
        await MetricsText.AssertEventuallyAsync(harness.Registry, 2, "controller_runtime_reconcile_total", errors);
        await AdvanceUntilAsync(time, () => harness.Reconciler.Count("flaky") == 3, TimeSpan.FromMilliseconds(1500));

        await MetricsText.AssertEventuallyAsync(harness.Registry, 1, "controller_runtime_reconcile_total", $"controller=\"{harness.Name}\"", "result=\"success\"");
        await MetricsText.AssertEventuallyAsync(harness.Registry, 2, "controller_runtime_reconcile_total", $"controller=\"{harness.Name}\"", "result=\"error\"");
        await MetricsText.AssertEventuallyAsync(harness.Registry, 2, "controller_runtime_reconcile_errors_total", $"controller=\"{harness.Name}\"");
        await MetricsText.AssertEventuallyAsync(harness.Registry, 2, "workqueue_retries_total", $"name=\"{harness.Name}\"");
    }

    [Fact]
    public async Task RequeueAfter_runs_again_after_the_delay_and_Enqueue_wakes_an_object_now()
    {
        var ns = await cluster.CreateNamespaceAsync("requeue");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await cluster.Client.CreateAsync(Widgets.New(ns, "periodic"), new WriteOptions(), Ct);
        await using var harness = await Harness.StartAsync(cluster, ns, time: time, requeueAfter: TimeSpan.FromMinutes(5));
        await Eventually.TrueAsync(() => harness.Reconciler.Count("periodic") == 1, "first reconcile");

        await MetricsText.AssertEventuallyAsync(harness.Registry, 1, "controller_runtime_reconcile_total", $"controller=\"{harness.Name}\"", "result=\"requeue_after\"");
        await AdvanceUntilAsync(time, () => harness.Reconciler.Count("periodic") == 2, TimeSpan.FromMinutes(5));

        harness.Controller.Enqueue(new ObjectKey(ns, "periodic"));
        await Eventually.TrueAsync(() => harness.Reconciler.Count("periodic") == 3, "woken by Enqueue");

        await MetricsText.AssertEventuallyAsync(harness.Registry, 3, "controller_runtime_reconcile_total", $"controller=\"{harness.Name}\"", "result=\"requeue_after\"");
    }

    /// <summary>Advances fake time by less than <paramref name="due"/> (nothing may happen), then to it (it must happen).</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> happened, TimeSpan due)
    {
        time.Advance(due - TimeSpan.FromMilliseconds(10));
        Assert.False(happened(), "ran before its delay");
        time.Advance(TimeSpan.FromMilliseconds(10));
        await Eventually.TrueAsync(happened, $"ran after {due}");
    }

    /// <summary>A reconciler that counts calls per name, writes status.observedGeneration through the status subresource and can fail or requeue.</summary>
    private sealed class RecordingReconciler(ClusterCache cache, StatusWriter status, int failFirst, TimeSpan? requeueAfter) : IReconciler
    {
        private readonly ConcurrentDictionary<string, int> _counts = new();

        public ConcurrentBag<ObjectKey> Deleted { get; } = [];

        public int Count(string name) => _counts.GetValueOrDefault(name);

        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            var obj = cache.Get(new ObjectId(Widgets.Group, Widgets.Kind, key.Namespace, key.Name));
            if (obj is null)
            {
                Deleted.Add(key);
                _counts.AddOrUpdate(key.Name, 1, (_, n) => n + 1);
                return ReconcileResult.Done;
            }

            var attempt = _counts.AddOrUpdate(key.Name, 1, (_, n) => n + 1);
            if (attempt <= failFirst)
            {
                throw new InvalidOperationException($"attempt {attempt} fails");
            }

            await status.PatchStatusAsync(obj, new JsonObject { ["observedGeneration"] = obj.Get("metadata", "generation")!.DeepClone() }, cancellationToken);
            return requeueAfter is { } delay ? ReconcileResult.RequeueAfter(delay) : ReconcileResult.Done;
        }
    }

    private sealed class Harness : IAsyncDisposable
    {
        private readonly ClusterFixture _cluster;
        private readonly ClusterCache _cache;
        private readonly CancellationTokenSource _stop = new();
        private readonly string _namespace;
        private Task _run = Task.CompletedTask;

        private Harness(ClusterFixture cluster, string @namespace, int workers, TimeProvider time, int failFirst, TimeSpan? requeueAfter)
        {
            _cluster = cluster;
            _namespace = @namespace;
            _cache = new ClusterCache(cluster.Client, new CacheOptions());
            Registry = Prometheus.Metrics.NewCustomRegistry();
            Name = $"widgets-{@namespace}";
            Reconciler = new RecordingReconciler(_cache, new StatusWriter(cluster.Client), failFirst, requeueAfter);
            Controller = new Controller(
                new ControllerOptions { Name = Name, Group = Widgets.Group, Kind = Widgets.Kind, Workers = workers, Namespaces = [@namespace] },
                Reconciler, _cache, time, new ControllerMetrics(Registry), NullLogger<Controller>.Instance);
        }

        public string Name { get; }

        public CollectorRegistry Registry { get; }

        public RecordingReconciler Reconciler { get; }

        public Controller Controller { get; }

        public static async Task<Harness> StartAsync(
            ClusterFixture cluster, string @namespace, int workers = 2, TimeProvider? time = null, int failFirst = 0, TimeSpan? requeueAfter = null)
        {
            var harness = new Harness(cluster, @namespace, workers, time ?? TimeProvider.System, failFirst, requeueAfter);
            harness._run = harness.Controller.RunAsync(harness._stop.Token);
            await Eventually.TrueAsync(() => harness.Controller.IsSynced || harness._run.IsFaulted, "controller synced");
            Assert.False(harness._run.IsFaulted, harness._run.Exception?.ToString());
            return harness;
        }

        /// <summary>Creates a widget and waits for its reconcile: every watch event before it has been handled by then.</summary>
        public async Task SentinelAsync()
        {
            var name = $"sentinel-{Guid.NewGuid():N}"[..16];
            await _cluster.Client.CreateAsync(Widgets.New(_namespace, name), new WriteOptions(), CancellationToken.None);
            await Eventually.TrueAsync(() => Reconciler.Count(name) >= 1, "the sentinel is reconciled");
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _run;
            }
            catch (OperationCanceledException)
            {
                // Stopped before it synced.
            }

            Controller.Dispose();
            await _cache.DisposeAsync();
            _stop.Dispose();
        }
    }
}
