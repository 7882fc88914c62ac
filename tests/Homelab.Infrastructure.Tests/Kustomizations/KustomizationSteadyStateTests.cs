using Homelab.Infrastructure.Tests.Fixtures;

namespace Homelab.Infrastructure.Tests.Kustomizations;

/// <summary>
/// Once a Kustomization is Ready and nothing drifted, reconciling it again costs no request on the objects
/// it manages: everything is compared against the watch cache, and only the handled requestedAt is written.
/// </summary>
public sealed class KustomizationSteadyStateTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private static readonly HashSet<string> ManagedResources = ["configmaps", "services", "deployments", "events"];

    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await fixture.StartServiceAsync();

    public Task DisposeAsync() => _service.StopAsync();

    [Fact]
    public async Task ReconcilesAtTheAppliedRevisionMakeNoRequestOnManagedObjects()
    {
        var ns = await fixture.CreateNamespaceAsync("ks-steady");
        var repo = fixture.CreateRepository("ks-steady");
        var revision = GitTestRepository.Revision(repo.CommitAndPush("a config map, a service, a deployment", new Dictionary<string, string>
        {
            ["apps/config.yaml"] = FluxYaml.ConfigMap("config", ns),
            ["apps/service.yaml"] = Service("web", ns),
            ["apps/deployment.yaml"] = FluxYaml.Deployment("web", ns),
        }));
        await fixture.CreateAsync(FluxYaml.GitRepository(ns, "repo", repo.Url));
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "apps", "./apps", extra: "  wait: true"));
        await fixture.WaitForReadyAsync(ns, "apps", revision);

        fixture.Cluster.Requests.Reset();
        const int Reconciles = 3;
        for (var i = 1; i <= Reconciles; i++)
        {
            var requested = $"2026-01-01T00:00:0{i}Z";
            await fixture.AnnotateAsync(FluxYaml.KustomizationApiVersion, "Kustomization", ns, "apps", "reconcile.fluxcd.io/requestedAt", requested);
            var handled = await fixture.WaitForKustomizationAsync(ns, "apps", o => o.GetString("status", "lastHandledReconcileAt") == requested, $"requestedAt #{i} handled");
            Assert.True(FluxStatus.IsReady(handled));
        }

        var log = fixture.Cluster.Requests.Log;
        var onManaged = log.Where(r => r.Key.Verb != "watch" && ManagedResources.Contains(r.Key.Resource)).Select(r => $"{r.Key} {r.Namespace}/{r.Name}").ToList();
        Assert.Empty(onManaged);
        // Per reconcile: the test's own annotation patch, and the one status write recording lastHandledReconcileAt.
        Assert.Equal(Reconciles, log.Count(r => r.Key is { Verb: "patch", Resource: "kustomizations", Subresource: "status" }));
        Assert.Equal(Reconciles, log.Count(r => r.Key is { Verb: "patch", Resource: "kustomizations", Subresource: "" }));
        Assert.DoesNotContain(log, r => r.Key.Verb is "create" or "update" or "delete" or "deletecollection" || (r.Key.Verb == "list" && r.Key.Resource != "kustomizations"));
    }

    private static string Service(string name, string ns) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          selector:
            app: {name}
          ports:
          - port: 80
            targetPort: 8080
        """;
}
