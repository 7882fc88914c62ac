using System.Text.Json.Nodes;
using Homelab.Engine.Diff;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Cli.Install;

/// <summary>
/// Applies a desired set idempotently: each object is compared with its live copy first (locally, then,
/// when that suspects a difference, with a server-side dry run) and only what really differs is applied,
/// with server-side apply as <see cref="FieldManager"/>. A second run over an installed cluster therefore
/// reads but writes nothing. Order: CRDs and Namespaces (then wait until the CRDs are Established), RBAC
/// and the rest, Deployments, and last the custom resources that need the CRDs.
/// </summary>
public sealed class Installer(IClusterClient client, TimeProvider time, TextWriter output)
{
    public const string FieldManager = "homelab-bootstrap";

    private const string PartOfLabel = "app.kubernetes.io/part-of";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly ResourceDiffer _differ = new(new DiffOptions { FieldManager = FieldManager });

    public async Task<IReadOnlyDictionary<InstallAction, int>> ApplyAsync(IReadOnlyList<KubeObject> desired, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var counts = Enum.GetValues<InstallAction>().ToDictionary(a => a, _ => 0);
        foreach (var stage in desired.GroupBy(Stage).OrderBy(g => g.Key))
        {
            foreach (var obj in stage)
            {
                var action = await ApplyOneAsync(obj, cancellationToken).ConfigureAwait(false);
                counts[action]++;
                if (action != InstallAction.Unchanged)
                {
                    await output.WriteLineAsync($"✔ {obj.Id}: {action.ToString().ToLowerInvariant()}").ConfigureAwait(false);
                }
            }

            if (stage.Key == 0)
            {
                await WaitForCrdsAsync(stage.Where(IsCrd), timeout, cancellationToken).ConfigureAwait(false);
            }
        }

        return counts;
    }

    private async Task<InstallAction> ApplyOneAsync(KubeObject desired, CancellationToken cancellationToken)
    {
        var live = await client.TryGetAsync(ObjectReference.From(desired), cancellationToken).ConfigureAwait(false);
        if (live is null)
        {
            await client.ApplyAsync(desired, new ApplyOptions(FieldManager, Force: true), cancellationToken).ConfigureAwait(false);
            return InstallAction.Created;
        }

        if (IsCrd(desired) && live.GetLabel(PartOfLabel) != "homelab")
        {
            // Flux's or Argo CD's own CRD: their fuller schemas serve the same objects, and replacing one could drop
            // a version objects are still stored in. Keep it (as the services' CRD installer does).
            return InstallAction.Kept;
        }

        if (!_differ.Diff(desired, live).HasDifference)
        {
            return InstallAction.Unchanged;
        }

        // The local diff may suspect a default it does not know: the server's answer to a dry run decides.
        var predicted = await client.ApplyAsync(desired, new ApplyOptions(FieldManager, Force: true, DryRun: true), cancellationToken).ConfigureAwait(false);
        if (JsonNode.DeepEquals(Comparable(predicted), Comparable(live)))
        {
            return InstallAction.Unchanged;
        }

        await client.ApplyAsync(desired, new ApplyOptions(FieldManager, Force: true), cancellationToken).ConfigureAwait(false);
        return InstallAction.Configured;
    }

    private async Task WaitForCrdsAsync(IEnumerable<KubeObject> crds, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        foreach (var crd in crds)
        {
            var reference = ObjectReference.From(crd);
            while (!IsEstablished(await client.TryGetAsync(reference, cancellationToken).ConfigureAwait(false)))
            {
                if (time.GetUtcNow() >= deadline)
                {
                    throw new CommandFailedException($"CRD {crd.Name} did not become Established within {timeout}");
                }

                await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
            }
        }

        // The custom resources of the last stage need the new kinds in discovery.
        await client.Discovery.RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>0: CRDs and Namespaces; 1: RBAC and the rest; 2: Deployments; 3: custom resources.</summary>
    private static int Stage(KubeObject obj) => obj switch
    {
        _ when IsCrd(obj) || obj is { Group: "", Kind: "Namespace" } => 0,
        { Group: "apps", Kind: "Deployment" } => 2,
        _ when obj.Group.Contains(".toolkit.fluxcd.io", StringComparison.Ordinal) || obj.Group == "argoproj.io" => 3,
        _ => 1,
    };

    private static bool IsCrd(KubeObject obj) => obj is { Group: "apiextensions.k8s.io", Kind: "CustomResourceDefinition" };

    private static bool IsEstablished(KubeObject? crd) =>
        crd?.Get("status", "conditions") is JsonArray conditions
        && conditions.OfType<JsonObject>().Any(c => c["type"]?.GetValue<string>() == "Established" && c["status"]?.GetValue<string>() == "True");

    /// <summary>The object without what every write changes (resourceVersion, managedFields).</summary>
    private static JsonObject Comparable(KubeObject obj)
    {
        var copy = (JsonObject)obj.Body.DeepClone();
        if (copy["metadata"] is JsonObject metadata)
        {
            metadata.Remove("resourceVersion");
            metadata.Remove("managedFields");
        }

        return copy;
    }
}
