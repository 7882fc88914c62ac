using Homelab.Controllers.Status;
using Homelab.Controllers.Tests.Infrastructure;
using Homelab.DevCluster.Faults;
using Homelab.Kubernetes.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Homelab.Controllers.Tests.Status;

public sealed class EventRecorderTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task The_same_event_again_within_ten_minutes_increments_the_count_of_one_Event()
    {
        var ns = await cluster.CreateNamespaceAsync("events");
        var widget = await cluster.Client.CreateAsync(Widgets.New(ns, "w"), new WriteOptions(), Ct);
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var recorder = new EventRecorder(cluster.Client, time, NullLogger<EventRecorder>.Instance);

        await recorder.RecordAsync(widget, "kustomize-controller", EventSeverity.Normal, "ReconciliationSucceeded", "applied revision main@sha1:abc", Ct);
        time.Advance(TimeSpan.FromMinutes(1));
        await recorder.RecordAsync(widget, "kustomize-controller", EventSeverity.Normal, "ReconciliationSucceeded", "applied revision main@sha1:abc", Ct);
        await recorder.RecordAsync(widget, "kustomize-controller", EventSeverity.Warning, "ReconciliationFailed", "kustomization path not found", Ct);

        var events = (await cluster.Client.ListAsync("v1", "Event", new ListOptions(Namespace: ns), Ct)).Items;
        Assert.Equal(2, events.Count);
        var succeeded = Assert.Single(events, e => e.GetString("reason") == "ReconciliationSucceeded");
        Assert.Equal(2, succeeded.Get("count")!.GetValue<int>());
        Assert.Equal("2026-01-01T10:00:00Z", succeeded.GetString("firstTimestamp"));
        Assert.Equal("2026-01-01T10:01:00Z", succeeded.GetString("lastTimestamp"));
        Assert.Equal("Normal", succeeded.GetString("type"));
        Assert.Equal("kustomize-controller", succeeded.GetString("source", "component"));
        Assert.Equal(("Widget", "w", widget.GetString("metadata", "uid")), (succeeded.GetString("involvedObject", "kind"), succeeded.GetString("involvedObject", "name"), succeeded.GetString("involvedObject", "uid")));
        var failed = Assert.Single(events, e => e.GetString("reason") == "ReconciliationFailed");
        Assert.Equal("Warning", failed.GetString("type"));
        Assert.Equal(1, failed.Get("count")!.GetValue<int>());
    }

    [Fact]
    public async Task After_ten_minutes_the_same_event_is_a_new_Event()
    {
        var ns = await cluster.CreateNamespaceAsync("later");
        var widget = await cluster.Client.CreateAsync(Widgets.New(ns, "w"), new WriteOptions(), Ct);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var recorder = new EventRecorder(cluster.Client, time, NullLogger<EventRecorder>.Instance);

        await recorder.RecordAsync(widget, "helm-controller", EventSeverity.Normal, "InstallSucceeded", "installed", Ct);
        time.Advance(TimeSpan.FromMinutes(11));
        await recorder.RecordAsync(widget, "helm-controller", EventSeverity.Normal, "InstallSucceeded", "installed", Ct);

        var events = (await cluster.Client.ListAsync("v1", "Event", new ListOptions(Namespace: ns), Ct)).Items;
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(1, e.Get("count")!.GetValue<int>()));
    }

    [Fact]
    public async Task A_failing_API_never_fails_the_caller()
    {
        var ns = await cluster.CreateNamespaceAsync("faulty");
        var widget = await cluster.Client.CreateAsync(Widgets.New(ns, "w"), new WriteOptions(), Ct);
        var recorder = new EventRecorder(cluster.Client, TimeProvider.System, NullLogger<EventRecorder>.Instance);
        cluster.Server.Faults.AddError(new ErrorFault("create", "events", 500));
        try
        {
            await recorder.RecordAsync(widget, "source-controller", EventSeverity.Warning, "GitOperationFailed", "unreachable", Ct);
        }
        finally
        {
            cluster.Server.Faults.Clear();
        }

        Assert.Empty((await cluster.Client.ListAsync("v1", "Event", new ListOptions(Namespace: ns), Ct)).Items);
    }
}
