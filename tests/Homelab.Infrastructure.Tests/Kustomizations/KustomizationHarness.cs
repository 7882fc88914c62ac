using System.Text.Json.Nodes;
using Homelab.Infrastructure.Tests.Fixtures;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Tests.Kustomizations;

/// <summary>What the Kustomization tests do again and again: read status, wait for it, annotate, look objects up.</summary>
internal static class KustomizationHarness
{
    public static Task<KubeObject> WaitForKustomizationAsync(this InfrastructureFixture fixture, string ns, string name, Func<KubeObject, bool> condition, string what, TimeSpan? timeout = null) =>
        fixture.WaitForAsync(FluxYaml.KustomizationApiVersion, "Kustomization", ns, name, condition, what, timeout ?? TimeSpan.FromSeconds(30));

    public static Task<KubeObject> WaitForReadyAsync(this InfrastructureFixture fixture, string ns, string name, string? revision = null, TimeSpan? timeout = null) =>
        fixture.WaitForKustomizationAsync(ns, name, o => FluxStatus.IsReady(o) && (revision is null || o.GetString("status", "lastAppliedRevision") == revision), $"Ready at {revision ?? "any revision"}", timeout);

    public static Task<KubeObject> WaitForReasonAsync(this InfrastructureFixture fixture, string ns, string name, string reason, TimeSpan? timeout = null) =>
        fixture.WaitForKustomizationAsync(ns, name, o => FluxStatus.ReadyReason(o) == reason, $"Ready reason {reason}", timeout);

    public static Task<KubeObject?> ConfigMapAsync(this InfrastructureFixture fixture, string ns, string name) =>
        fixture.GetAsync("v1", "ConfigMap", ns, name);

    /// <summary>Sets an annotation with a merge patch, as <c>flux reconcile</c> and <c>kubectl annotate</c> do.</summary>
    public static Task AnnotateAsync(this InfrastructureFixture fixture, string apiVersion, string kind, string ns, string name, string key, string value)
    {
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = value } } };
        return fixture.Client.PatchAsync(new ObjectReference(apiVersion, kind, ns, name), patch.ToJsonString(), PatchType.Merge, new WriteOptions(), CancellationToken.None);
    }

    /// <summary>Asks the GitRepository to fetch now (a push webhook would do the same).</summary>
    public static Task FetchNowAsync(this InfrastructureFixture fixture, string ns, string repository = "repo") =>
        fixture.AnnotateAsync(FluxYaml.SourceApiVersion, "GitRepository", ns, repository, "reconcile.fluxcd.io/requestedAt", DateTimeOffset.UtcNow.ToString("O"));

    public static Task MergePatchSpecAsync(this InfrastructureFixture fixture, string ns, string name, string specJson) =>
        fixture.Client.PatchAsync(new ObjectReference(FluxYaml.KustomizationApiVersion, "Kustomization", ns, name),
            $$"""{"spec":{{specJson}}}""", PatchType.Merge, new WriteOptions(), CancellationToken.None);

    public static IReadOnlyList<string> InventoryIds(KubeObject kustomization) =>
        [.. (kustomization.Get("status", "inventory", "entries") as JsonArray ?? []).Select(e => e!["id"]!.GetValue<string>())];

    public static string? Revision(KubeObject kustomization) => kustomization.GetString("status", "lastAppliedRevision");
}
