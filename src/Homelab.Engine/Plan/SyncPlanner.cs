using Homelab.Manifests;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Plan;

/// <summary>
/// Orders desired objects the way Argo CD syncs them: phase (PreSync → Sync → PostSync), wave, kind
/// order, namespace, name. A Namespace moves just before the first object placed in it, and a CRD just
/// before its first custom resource, so neither has to wait for a later wave. Every annotation is
/// validated up front: one bad object fails the plan, naming it, before anything is applied.
/// </summary>
public sealed class SyncPlanner
{
    public SyncPlan Plan(IEnumerable<KubeObject> desired, SyncOptions? appOptions = null)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var options = appOptions ?? SyncOptions.Default;
        var objects = desired.ToList();
        RejectDuplicates(objects);
        var crds = CrdIndex.Build(objects);

        var tasks = new List<SyncTask>();
        var syncFail = new List<SyncTask>();
        var skipped = new List<SkippedObject>();
        foreach (var obj in objects)
        {
            var hook = HookParser.Parse(obj);
            var wave = SyncWave.Of(obj);
            var objectOptions = options.With(obj.GetAnnotation(PlanAnnotations.ArgoSyncOptions), obj.Id.ToString());
            if (hook.Skip || (hook.IsHook && hook.Phases.Count == 0))
            {
                skipped.Add(new SkippedObject(obj.Id, hook.Skip ? "hook Skip" : "Helm hook with no sync phase"));
                continue;
            }

            foreach (var phase in hook.Phases)
            {
                var task = new SyncTask(obj, phase, wave, hook.IsHook, hook.DeletePolicy, objectOptions, crds.DefinitionOf(obj));
                (phase == SyncPhase.SyncFail ? syncFail : tasks).Add(task);
            }
        }

        tasks.Sort(Compare);
        MoveDependenciesForward(tasks, crds);
        syncFail.Sort(Compare);

        // Tasks are sorted, so each (phase, wave) is one contiguous run.
        var steps = new List<SyncStep>();
        for (var start = 0; start < tasks.Count;)
        {
            var end = start;
            while (end < tasks.Count && tasks[end].Phase == tasks[start].Phase && tasks[end].Wave == tasks[start].Wave)
            {
                end++;
            }

            steps.Add(new SyncStep(tasks[start].Phase, tasks[start].Wave, tasks[start..end]));
            start = end;
        }

        return new SyncPlan(steps, syncFail, skipped);
    }

    internal static int Compare(SyncTask a, SyncTask b)
    {
        var c = a.Phase.CompareTo(b.Phase);
        c = c != 0 ? c : a.Wave.CompareTo(b.Wave);
        c = c != 0 ? c : KindOrder.Compare(a.Object.Kind, b.Object.Kind);
        c = c != 0 ? c : string.CompareOrdinal(a.Object.Namespace, b.Object.Namespace);
        return c != 0 ? c : string.CompareOrdinal(a.Object.Name, b.Object.Name);
    }

    /// <summary>
    /// A Namespace or CRD placed in a later wave than something that needs it moves to just before the
    /// first task that needs it, taking that task's phase and wave.
    /// </summary>
    private static void MoveDependenciesForward(List<SyncTask> tasks, CrdIndex crds)
    {
        foreach (var dependency in tasks.Where(t => !t.IsHook && (IsNamespace(t.Object) || crds.IsCrd(t.Object))).ToList())
        {
            var position = tasks.IndexOf(dependency);
            var firstUser = tasks.FindIndex(t => Needs(t, dependency));
            if (firstUser >= 0 && firstUser < position)
            {
                tasks.RemoveAt(position);
                tasks.Insert(firstUser, dependency with { Phase = tasks[firstUser].Phase, Wave = tasks[firstUser].Wave });
            }
        }
    }

    private static bool IsNamespace(KubeObject obj) => obj.Kind == "Namespace" && obj.Group.Length == 0;

    private static bool Needs(SyncTask task, SyncTask dependency) =>
        IsNamespace(dependency.Object)
            ? task.Object.Namespace == dependency.Object.Name
            : task.RequiresCrd == dependency.Id;

    private static void RejectDuplicates(List<KubeObject> objects)
    {
        var nameless = objects.FirstOrDefault(o => o.Name.Length == 0 && o.GetString("metadata", "generateName") is not { Length: > 0 });
        if (nameless is not null)
        {
            throw new ManifestException($"{nameless.Kind} has neither metadata.name nor metadata.generateName", nameless.Source);
        }

        // Hooks named by generateName get their name when created, so several may share an empty one.
        var duplicate = objects.Where(o => o.Name.Length > 0).GroupBy(o => o.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            var places = string.Join(", ", duplicate.Select(o => o.Source?.ToString() ?? "(no file)"));
            throw new ManifestException($"{duplicate.Key} is defined more than once ({places})", duplicate.First().Source);
        }
    }
}
