using System.Text.Json.Nodes;
using Grpc.Core;
using Homelab.Api.Infrastructure.V1;
using Homelab.Infrastructure.Tests.Fixtures;
using Homelab.Kubernetes.Client;
using WriteOptions = Homelab.Kubernetes.Client.WriteOptions;

namespace Homelab.Infrastructure.Tests.ApiService;

/// <summary>
/// The gRPC API of the running service. Kustomizations live in a namespace no controller reconciles here
/// (Controllers:Namespaces), so the tests drive their status directly through the status subresource.
/// </summary>
public sealed class InfrastructureApiTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private const string Reconciled = "api-sources";
    private const string KsApi = "kustomize.toolkit.fluxcd.io/v1";
    private RunningService _service = null!;

    public async Task InitializeAsync()
    {
        try
        {
            await fixture.CreateNamespaceAsync(Reconciled);
        }
        catch (Kubernetes.Errors.AlreadyExistsException)
        {
            // Created by an earlier test of this class.
        }

        _service = await fixture.StartServiceAsync(new Dictionary<string, string?> { ["Controllers:Namespaces:0"] = Reconciled });
    }

    public Task DisposeAsync() => _service.StopAsync();

    [Fact]
    public async Task GetAndListMapKustomizationsAndErrorsAreGrpcCodes()
    {
        var ns = await fixture.CreateNamespaceAsync("api-get");
        await CreateKustomizationAsync(ns, "infra");
        await CreateKustomizationAsync(ns, "apps", dependsOn: "infra");
        await SetStatusAsync(ns, "apps", ready: true, revision: "main@sha1:" + new string('a', 40));

        var apps = await Eventually(() => _service.Client.GetAsync(Ref(ns, "apps")).ResponseAsync, o => o.Ready == "True");
        Assert.Equal("ReconciliationSucceeded", apps.Reason);
        Assert.Equal("main@sha1:" + new string('a', 40), apps.Revision);
        Assert.Equal("./apps", apps.Path);
        Assert.Equal(new ObjectRef { Kind = "GitRepository", Namespace = ns, Name = "repo" }, apps.Source);
        Assert.Equal([new ObjectRef { Kind = "Kustomization", Namespace = ns, Name = "infra" }], apps.DependsOn);
        Assert.Equal(1, apps.ObservedGeneration);

        var list = await _service.Client.ListKustomizationsAsync(new ListRequest { Namespace = ns });
        Assert.Equal(["apps", "infra"], list.Items.Select(i => i.Ref.Name));
        Assert.Equal("Unknown", list.Items.Single(i => i.Ref.Name == "infra").Ready);

        var missing = await Assert.ThrowsAsync<RpcException>(() => _service.Client.GetAsync(Ref(ns, "nope")).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Contains($"'{ns}/nope'", missing.Status.Detail);
        var badKind = await Assert.ThrowsAsync<RpcException>(() => _service.Client.GetAsync(new ObjectRef { Kind = "Bucket", Namespace = ns, Name = "x" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badKind.StatusCode);
        var noName = await Assert.ThrowsAsync<RpcException>(() => _service.Client.GetAsync(new ObjectRef { Kind = "Kustomization", Namespace = ns }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noName.StatusCode);
        var anonymous = await Assert.ThrowsAsync<RpcException>(() => _service.AnonymousClient.SuspendAsync(Ref(ns, "apps")).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
    }

    [Fact]
    public async Task WatchLayerStreamsReadinessFlips()
    {
        var ns = await fixture.CreateNamespaceAsync("api-layer");
        using var call = _service.Client.WatchLayer(new WatchLayerRequest { Kustomizations = { new ObjectRef { Namespace = ns, Name = "infra" } } });
        var stream = call.ResponseStream;

        var missing = await NextAsync(stream, s => s.Known && !s.Ready);
        Assert.Equal("NotFound", Assert.Single(missing.Waiting).Reason);

        await CreateKustomizationAsync(ns, "infra");
        var pending = await NextAsync(stream, s => s.Known && !s.Ready && s.Waiting[0].Reason != "NotFound");
        Assert.Equal("Progressing", pending.Waiting[0].Reason);

        await SetStatusAsync(ns, "infra", ready: true, revision: "main@sha1:" + new string('b', 40));
        var ready = await NextAsync(stream, s => s.Ready);
        Assert.Empty(ready.Waiting);
        Assert.Equal("main@sha1:" + new string('b', 40), Assert.Single(ready.Kustomizations).Revision);

        await SetStatusAsync(ns, "infra", ready: false, revision: "main@sha1:" + new string('b', 40));
        var failing = await NextAsync(stream, s => !s.Ready);
        Assert.Equal("ReconciliationFailed", Assert.Single(failing.Waiting).Reason);
    }

    [Fact]
    public async Task WatchSendsCurrentObjectsThenChanges()
    {
        var ns = await fixture.CreateNamespaceAsync("api-watch");
        await CreateKustomizationAsync(ns, "first");
        using var call = _service.Client.Watch(new ListRequest { Namespace = ns, Kinds = { "Kustomization" } });
        var stream = call.ResponseStream;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        Assert.True(await stream.MoveNext(timeout.Token));
        Assert.Equal((FluxObjectEvent.Types.Type.Added, "first"), (stream.Current.Type, stream.Current.Object.Ref.Name));

        await CreateKustomizationAsync(ns, "second");
        Assert.True(await stream.MoveNext(timeout.Token));
        Assert.Equal((FluxObjectEvent.Types.Type.Added, "second"), (stream.Current.Type, stream.Current.Object.Ref.Name));

        await fixture.Client.DeleteAsync(new ObjectReference(KsApi, "Kustomization", ns, "first"), new DeleteOptions(), CancellationToken.None);
        while (await stream.MoveNext(timeout.Token))
        {
            if (stream.Current.Type == FluxObjectEvent.Types.Type.Deleted)
            {
                Assert.Equal("first", stream.Current.Object.Ref.Name);
                return;
            }
        }

        Assert.Fail("no DELETED event");
    }

    [Fact]
    public async Task ReconcileWaitsUntilHandledAndSuspendResumeFollowFlux()
    {
        var repo = fixture.CreateRepository("api-reconcile");
        repo.CommitAndPush("first", new Dictionary<string, string> { ["a.yaml"] = "a: 1\n" });
        await fixture.CreateAsync($"""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata:
              name: repo
              namespace: {Reconciled}
            spec:
              url: {repo.Url}
              interval: 1h
            """.Replace("interval: 1h", "interval: 1h\n  ref:\n    branch: main", StringComparison.Ordinal));
        var reference = new ObjectRef { Kind = "GitRepository", Namespace = Reconciled, Name = "repo" };

        await Eventually(() => _service.Client.ListSourcesAsync(new ListRequest { Namespace = Reconciled }).ResponseAsync, l => l.Items.Any(i => i.Ref.Name == "repo"));
        var handled = await _service.Client.ReconcileAsync(new ReconcileRequest { Ref = reference, Wait = true }, deadline: DateTime.UtcNow.AddSeconds(20));
        Assert.NotEmpty(handled.LastHandledReconcileAt);
        Assert.Equal("True", handled.Ready);
        var stored = await fixture.GetAsync("source.toolkit.fluxcd.io/v1", "GitRepository", Reconciled, "repo");
        Assert.Equal(stored!.GetAnnotation("reconcile.fluxcd.io/requestedAt"), handled.LastHandledReconcileAt);

        var suspended = await _service.Client.SuspendAsync(reference);
        Assert.True(suspended.Suspended);
        await Eventually(() => _service.Client.GetAsync(reference).ResponseAsync, o => o.Suspended);
        var refused = await Assert.ThrowsAsync<RpcException>(() => _service.Client.ReconcileAsync(new ReconcileRequest { Ref = reference }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("resource is suspended", refused.Status.Detail);

        var resumed = await _service.Client.ResumeAsync(reference);
        Assert.False(resumed.Suspended);
        var annotated = await fixture.GetAsync("source.toolkit.fluxcd.io/v1", "GitRepository", Reconciled, "repo");
        Assert.NotEqual(stored.GetAnnotation("reconcile.fluxcd.io/requestedAt"), annotated!.GetAnnotation("reconcile.fluxcd.io/requestedAt"));
    }

    [Fact]
    public async Task TreeNestsChildKustomizationsWithKnownInventories()
    {
        var ns = await fixture.CreateNamespaceAsync("api-tree");
        await CreateKustomizationAsync(ns, "root");
        await CreateKustomizationAsync(ns, "child");
        await PatchStatusAsync(ns, "root", new JsonObject
        {
            ["inventory"] = Inventory($"{ns}_settings__ConfigMap", $"{ns}_child_kustomize.toolkit.fluxcd.io_Kustomization"),
        });
        await PatchStatusAsync(ns, "child", new JsonObject { ["inventory"] = Inventory($"{ns}_web_apps_Deployment") });

        var tree = await Eventually(() => _service.Client.TreeAsync(Ref(ns, "root")).ResponseAsync, t => t.Children.Any(c => c.Children.Count == 1));
        Assert.Equal("root", tree.Resource.Name);
        Assert.Equal(["ConfigMap/settings", "Kustomization/child"], tree.Children.Select(c => $"{c.Resource.Kind}/{c.Resource.Name}").Order(StringComparer.Ordinal));
        var child = tree.Children.Single(c => c.Resource.Kind == "Kustomization");
        Assert.Equal(("apps", "Deployment", "web"), (child.Children[0].Resource.Group, child.Children[0].Resource.Kind, child.Children[0].Resource.Name));

        var notATree = await Assert.ThrowsAsync<RpcException>(() => _service.Client.TreeAsync(new ObjectRef { Kind = "GitRepository", Namespace = ns, Name = "repo" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, notATree.StatusCode);
    }

    private static ObjectRef Ref(string ns, string name) => new() { Kind = "Kustomization", Namespace = ns, Name = name };

    private static JsonObject Inventory(params string[] ids) => new()
    {
        ["entries"] = new JsonArray([.. ids.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["v"] = "v1" })]),
    };

    private Task CreateKustomizationAsync(string ns, string name, string? dependsOn = null) =>
        fixture.CreateAsync($"""
            apiVersion: {KsApi}
            kind: Kustomization
            metadata:
              name: {name}
              namespace: {ns}
            spec:
              interval: 10m
              path: ./{(name == "apps" ? "apps" : name)}
              prune: true
              sourceRef:
                kind: GitRepository
                name: repo
            {(dependsOn is null ? "" : $"  dependsOn:\n    - name: {dependsOn}")}
            """);

    private Task SetStatusAsync(string ns, string name, bool ready, string revision) =>
        PatchStatusAsync(ns, name, new JsonObject
        {
            ["observedGeneration"] = 1,
            ["lastAppliedRevision"] = revision,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready",
                ["status"] = ready ? "True" : "False",
                ["reason"] = ready ? "ReconciliationSucceeded" : "ReconciliationFailed",
                ["message"] = ready ? $"Applied revision: {revision}" : "apply failed",
                ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
                ["observedGeneration"] = 1,
            }),
        });

    private async Task PatchStatusAsync(string ns, string name, JsonObject status) =>
        await fixture.Client.PatchAsync(
            new ObjectReference(KsApi, "Kustomization", ns, name),
            new JsonObject { ["status"] = status }.ToJsonString(),
            PatchType.Merge,
            new WriteOptions { Subresource = "status" },
            CancellationToken.None);

    private static async Task<LayerStatus> NextAsync(IAsyncStreamReader<LayerStatus> stream, Func<LayerStatus, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (await stream.MoveNext(timeout.Token))
        {
            if (wanted(stream.Current))
            {
                return stream.Current;
            }
        }

        throw new InvalidOperationException("the stream ended");
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> wanted)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            T value;
            try
            {
                value = await read();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && DateTime.UtcNow < deadline)
            {
                // Created a moment ago: the service's watch cache has not seen it yet.
                await Task.Delay(20);
                continue;
            }

            if (wanted(value) || DateTime.UtcNow > deadline)
            {
                Assert.True(wanted(value), $"timed out; last value: {value}");
                return value;
            }

            await Task.Delay(20);
        }
    }
}
