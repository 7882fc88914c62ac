using Homelab.Engine.Plan;
using Homelab.Engine.Plan.Prune;
using Homelab.Engine.Results;
using static Homelab.Engine.Tests.Objects;

namespace Homelab.Engine.Tests.Results;

public sealed class SyncResultBuilderTests
{
    private static readonly SyncPlan Plan = new SyncPlanner().Plan(YamlAll("""
        apiVersion: batch/v1
        kind: Job
        metadata: {name: migrate, namespace: shop, annotations: {argocd.argoproj.io/hook: PreSync}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop, annotations: {argocd.argoproj.io/sync-wave: "2"}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        """));

    [Fact]
    public void Successful_sync_lists_every_outcome_and_change_set_lines()
    {
        var builder = new SyncResultBuilder();
        var tasks = Plan.Tasks.ToList();
        builder.Record(tasks[0], SyncAction.Created);
        builder.Record(tasks[1], SyncAction.Unchanged);
        builder.Record(tasks[2], SyncAction.Configured);
        builder.RecordPruned(new PruneTask(Yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: old, namespace: shop}\n"), false, PropagationPolicy.Background));

        var result = builder.Build();

        Assert.Equal(SyncOutcome.Succeeded, result.Outcome);
        Assert.True(result.Succeeded);
        Assert.Null(result.Message);
        Assert.Equal(SyncPhase.Sync, result.LastPhase);
        Assert.Equal(
            ["Job/shop/migrate created", "Service/shop/web unchanged", "Deployment/shop/web configured", "ConfigMap/shop/old deleted"],
            result.Objects.Select(o => o.ToChangeSetLine()));
        Assert.Equal(3, result.Changed.Count());
        Assert.Equal(1, result.Counts[SyncAction.Unchanged]);
        Assert.Equal((SyncPhase.PreSync, 0, true), (result.Objects[0].Phase, result.Objects[0].Wave, result.Objects[0].IsHook));
        Assert.Equal((SyncPhase.Sync, 2, false), (result.Objects[2].Phase, result.Objects[2].Wave, result.Objects[2].IsHook));
    }

    [Fact]
    public void One_failed_object_fails_the_sync_with_its_message()
    {
        var builder = new SyncResultBuilder();
        var tasks = Plan.Tasks.ToList();
        builder.Record(tasks[0], SyncAction.Failed, "Job failed: BackoffLimitExceeded");
        builder.Record(tasks[1], SyncAction.Skipped, "an earlier phase failed");
        builder.Cancel();

        var result = builder.Build();

        Assert.True(builder.HasFailed);
        Assert.Equal(SyncOutcome.Failed, result.Outcome);
        Assert.Equal("Job.batch/shop/migrate: Job failed: BackoffLimitExceeded", result.Message);
        Assert.Single(result.Failures);
    }

    [Fact]
    public void Run_level_failure_and_cancellation()
    {
        var failed = new SyncResultBuilder();
        failed.Fail("dry-run failed: Deployment.apps/shop/web: spec.replicas: Invalid value");
        var canceled = new SyncResultBuilder();
        canceled.Cancel();

        Assert.Equal(SyncOutcome.Failed, failed.Build().Outcome);
        Assert.StartsWith("dry-run failed", failed.Build().Message, StringComparison.Ordinal);
        Assert.Equal(SyncOutcome.Canceled, canceled.Build().Outcome);
        Assert.Empty(canceled.Build().Objects);
    }

    [Fact]
    public void Recording_from_parallel_applies_keeps_every_outcome()
    {
        var builder = new SyncResultBuilder();
        var task = Plan.Tasks.First();

        Parallel.For(0, 1000, _ => builder.Record(task, SyncAction.Unchanged));

        Assert.Equal(1000, builder.Build().Objects.Count);
    }
}
