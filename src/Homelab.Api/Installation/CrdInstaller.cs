using System.Text.Json.Nodes;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Api.Installation;

/// <summary>
/// Installs CRDs with server-side apply. A CRD that already exists is left untouched unless an upgrade
/// is asked for: a cluster that runs (or ran) the real Flux or Argo CD keeps their CRDs, whose fuller
/// schemas serve the same objects. Each CRD is installed only once it is Established, so custom
/// resources can be written right after <see cref="InstallAsync"/> returns.
/// </summary>
public sealed class CrdInstaller(IClusterClient client, TimeProvider time)
{
    public const string FieldManager = "homelab";

    private const string CrdApiVersion = "apiextensions.k8s.io/v1";
    private const string CrdKind = "CustomResourceDefinition";

    public async Task<IReadOnlyList<CrdInstallResult>> InstallAsync(
        IReadOnlyList<KubeObject> crds, CrdInstallOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crds);
        ArgumentNullException.ThrowIfNull(options);
        if (crds.FirstOrDefault(crd => crd.ApiVersion != CrdApiVersion || crd.Kind != CrdKind) is { } other)
        {
            throw new ArgumentException($"{other} is not a {CrdKind} ({CrdApiVersion})", nameof(crds));
        }

        var results = new List<CrdInstallResult>(crds.Count);
        foreach (var crd in crds)
        {
            results.Add(await InstallOneAsync(crd, options, cancellationToken));
        }

        return results;
    }

    private async Task<CrdInstallResult> InstallOneAsync(KubeObject crd, CrdInstallOptions options, CancellationToken cancellationToken)
    {
        var reference = new ObjectReference(CrdApiVersion, CrdKind, null, crd.Name);
        var live = await client.TryGetAsync(reference, cancellationToken);
        CrdInstallAction action;
        if (live is not null && !options.Upgrade)
        {
            action = CrdInstallAction.Kept;
        }
        else
        {
            action = live is null ? CrdInstallAction.Installed : CrdInstallAction.Upgraded;

            // Forced only on upgrade: taking over fields another manager (Flux's or Argo's installer) owns is then the intent.
            live = await client.ApplyAsync(crd, new ApplyOptions(FieldManager, Force: options.Upgrade), cancellationToken);
        }

        await WaitUntilEstablishedAsync(reference, live, options, cancellationToken);
        return new CrdInstallResult(crd.Name, action);
    }

    private async Task WaitUntilEstablishedAsync(ObjectReference reference, KubeObject? latest, CrdInstallOptions options, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.EstablishedTimeout;
        while (latest is null || !IsEstablished(latest))
        {
            if (time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"CRD {reference.Name} did not become Established within {options.EstablishedTimeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
            latest = await client.TryGetAsync(reference, cancellationToken);
        }
    }

    private static bool IsEstablished(KubeObject crd) =>
        crd.Get("status", "conditions") is JsonArray conditions
        && conditions.OfType<JsonObject>().Any(c =>
            c["type"]?.GetValue<string>() == "Established" && c["status"]?.GetValue<string>() == "True");
}
