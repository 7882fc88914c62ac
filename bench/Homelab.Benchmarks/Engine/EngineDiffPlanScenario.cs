using System.Diagnostics;
using Homelab.Engine.Diff;
using Homelab.Engine.Inventory;
using Homelab.Engine.Plan;
using Homelab.Engine.Plan.Prune;

namespace Homelab.Benchmarks.Engine;

/// <summary>
/// The engine's CPU cost of a reconcile, cluster aside: diffing 1,000 defaulted Deployments (the no-op
/// case, where nothing else should happen), finding one changed among them, planning and prune planning.
/// </summary>
public sealed class EngineDiffPlanScenario : IScenario
{
    private const int Objects = 1_000;
    private const int Rounds = 5;

    public string Name => "engine-diff-plan";

    public string Description => "diff 1,000 server-defaulted Deployments (no-op and one change), plan and prune-plan them";

    public Task RunAsync(ScenarioReport report, CancellationToken cancellationToken)
    {
        var pairs = Enumerable.Range(0, Objects).Select(EngineCorpus.Deployment).ToList();
        var differ = new ResourceDiffer(new DiffOptions { FieldManager = "kustomize-controller" });

        // Warm up the JIT so the first round does not dominate.
        foreach (var (desired, live) in pairs.Take(50))
        {
            differ.Diff(desired, live);
        }

        var best = double.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var drifted = pairs.Count(p => differ.Diff(p.Desired, p.Live).HasDifference);
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
            if (drifted != 0)
            {
                throw new InvalidOperationException($"{drifted} defaulted objects diffed as drifted");
            }
        }

        report.Add("no-op diff of 1,000 Deployments (best of 5)", best, "ms");
        report.Add("no-op diff per object", best * 1000 / Objects, "µs");

        var changed = pairs[500].Desired.DeepClone();
        changed.Body["spec"]!["replicas"] = 3;
        var withChange = pairs.Select((p, i) => i == 500 ? (changed, p.Live) : p).ToList();
        var detect = Stopwatch.StartNew();
        var found = withChange.Count(p => differ.Diff(p.Item1, p.Live).HasDifference);
        report.Add("diff 1,000 with one change", detect.Elapsed.TotalMilliseconds, "ms");
        report.Add("objects found changed", found, "objects");

        var plan = Stopwatch.StartNew();
        var syncPlan = new SyncPlanner().Plan(pairs.Select(p => p.Desired));
        report.Add("plan 1,000 objects (phases, waves, kind order)", plan.Elapsed.TotalMilliseconds, "ms");
        report.Add("plan steps", syncPlan.Steps.Count, "steps");

        var prune = Stopwatch.StartNew();
        var liveById = pairs.ToDictionary(p => p.Live.Id, p => p.Live);
        var prunePlan = new PrunePlanner().Plan(new PruneRequest(liveById.Keys, pairs.Take(Objects / 2).Select(p => p.Desired), liveById, new FluxOwnerMark("apps", "flux-system")));
        report.Add("prune plan (500 stale of 1,000)", prune.Elapsed.TotalMilliseconds, "ms");
        report.Add("deletions planned", prunePlan.Deletions.Count, "objects");
        report.Add("peak working set", ScenarioReport.PeakWorkingSetMiB(), "MiB");
        return Task.CompletedTask;
    }
}
