using Homelab.Api.Crds;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Homelab.Manifests.Objects;

namespace Homelab.Cli.Install;

/// <summary>
/// Removes what bootstrap installed, never the user's workloads: the controllers stop first, then the
/// root objects lose their finalizers before they are deleted (so neither Flux-style prune nor Argo's
/// cascading delete runs), then RBAC and the homelab-system namespace. CRDs only when asked — deleting
/// them deletes every GitRepository, Kustomization, Application… in the cluster (not what they applied).
/// </summary>
public sealed class Uninstaller(IClusterClient client, TimeProvider time, TextWriter output)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private static readonly (string ApiVersion, string Kind)[] CustomKinds =
    [
        ("source.toolkit.fluxcd.io/v1", "GitRepository"),
        ("source.toolkit.fluxcd.io/v1", "HelmRepository"),
        ("kustomize.toolkit.fluxcd.io/v1", "Kustomization"),
        ("helm.toolkit.fluxcd.io/v2", "HelmRelease"),
        ("argoproj.io/v1alpha1", "Application"),
        ("argoproj.io/v1alpha1", "ApplicationSet"),
        ("argoproj.io/v1alpha1", "AppProject"),
    ];

    public async Task<int> UninstallAsync(bool crds, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var install = InstallManifest.Objects();

        // 1. Stop the controllers, so nothing re-adds a finalizer or reconciles a half-removed install.
        foreach (var deployment in install.Where(o => o.Kind == "Deployment"))
        {
            deleted += await DeleteAsync(ObjectReference.From(deployment), "Foreground", cancellationToken).ConfigureAwait(false);
            await WaitGoneAsync(ObjectReference.From(deployment), timeout, cancellationToken).ConfigureAwait(false);
        }

        // 2. Root objects (or, before the CRDs go, every custom resource): finalizers off, then delete.
        var selector = crds ? null : $"app.kubernetes.io/managed-by={Installer.FieldManager}";
        foreach (var (apiVersion, kind) in CustomKinds)
        {
            foreach (var obj in await ListAsync(apiVersion, kind, selector, cancellationToken).ConfigureAwait(false))
            {
                var reference = ObjectReference.From(obj);
                if (obj.Get("metadata", "finalizers") is not null)
                {
                    await client.PatchAsync(reference, """{"metadata":{"finalizers":null}}""", PatchType.Merge, new WriteOptions(Installer.FieldManager), cancellationToken).ConfigureAwait(false);
                }

                if (selector is not null)
                {
                    deleted += await DeleteAsync(reference, null, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        // 3. RBAC and everything else of the install; the namespace takes the Secret and the Leases with it.
        foreach (var obj in install.Where(o => o.Kind is not ("Deployment" or "CustomResourceDefinition") && o.Namespace is null && o.Kind != "Namespace"))
        {
            deleted += await DeleteAsync(ObjectReference.From(obj), null, cancellationToken).ConfigureAwait(false);
        }

        var ns = new ObjectReference("v1", "Namespace", null, InstallManifest.Namespace);
        deleted += await DeleteAsync(ns, null, cancellationToken).ConfigureAwait(false);
        await WaitGoneAsync(ns, timeout, cancellationToken).ConfigureAwait(false);

        // 4. Homelab's CRDs (not Flux's or Argo CD's own, which bootstrap kept).
        if (crds)
        {
            foreach (var name in CustomResourceDefinitions.FluxNames.Concat(CustomResourceDefinitions.ArgoNames))
            {
                var reference = new ObjectReference("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, name);
                if (await client.TryGetAsync(reference, cancellationToken).ConfigureAwait(false) is { } live && live.GetLabel("app.kubernetes.io/part-of") == "homelab")
                {
                    deleted += await DeleteAsync(reference, null, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return deleted;
    }

    private async Task<IReadOnlyList<KubeObject>> ListAsync(string apiVersion, string kind, string? selector, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.ListAsync(apiVersion, kind, new ListOptions(LabelSelector: selector), cancellationToken).ConfigureAwait(false)).Items;
        }
        catch (UnknownKindException)
        {
            return [];
        }
    }

    private async Task<int> DeleteAsync(ObjectReference reference, string? propagation, CancellationToken cancellationToken)
    {
        if (!await client.DeleteAsync(reference, new DeleteOptions(propagation), cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        await output.WriteLineAsync($"✔ {reference}: deleted").ConfigureAwait(false);
        return 1;
    }

    private async Task WaitGoneAsync(ObjectReference reference, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (await client.TryGetAsync(reference, cancellationToken).ConfigureAwait(false) is not null)
        {
            if (time.GetUtcNow() >= deadline)
            {
                throw new CommandFailedException($"{reference} is still there after {timeout}");
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
