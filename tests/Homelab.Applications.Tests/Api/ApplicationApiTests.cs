using System.Text.Json.Nodes;
using Grpc.Core;
using Homelab.Api.Applications.V1;
using Homelab.Applications.Tests.Fixtures;
using Homelab.Kubernetes.Client;
using WriteOptions = Homelab.Kubernetes.Client.WriteOptions;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Tests.Api;

/// <summary>
/// The gRPC API against the real service on the dev cluster. The Applications live in a namespace the
/// controller does not watch (Controllers:Namespaces), so what the API wrote stays for the test to see.
/// </summary>
public sealed class ApplicationApiTests : IAsyncLifetime
{
    private const string Ns = "api-apps";
    private readonly ApplicationsFixture _fixture = new();
    private RunningService _service = null!;

    public async Task InitializeAsync()
    {
        await _fixture.InitializeAsync();
        await _fixture.Client.CreateAsync(KubeObject.FromJson($$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{Ns}}}"}}"""), new WriteOptions(), CancellationToken.None);
        _service = await _fixture.StartServiceAsync(settings: new Dictionary<string, string?> { ["Controllers:Namespaces"] = "controlled-elsewhere" });
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _fixture.DisposeAsync();
    }

    [Fact]
    public async Task SyncWritesTheOperationAndRefusesASecondOne()
    {
        await CreateApplicationAsync("sync-me", automated: false);

        await _service.Client.SyncAsync(new SyncRequest { Ref = Ref("sync-me"), Prune = true, Revision = "main", Resources = { new Homelab.Api.Common.V1.ResourceRef { Kind = "ConfigMap", Namespace = "web", Name = "settings" } } });

        var live = await GetAsync("sync-me");
        var sync = (JsonObject)live.Get("operation", "sync")!;
        Assert.True(sync["prune"]!.GetValue<bool>());
        Assert.Equal("main", sync["revision"]!.GetValue<string>());
        Assert.Equal("settings", sync["resources"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("homelab-cli", live.GetString("operation", "initiatedBy", "username"));

        var again = await Assert.ThrowsAsync<RpcException>(() => _service.Client.SyncAsync(new SyncRequest { Ref = Ref("sync-me") }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
    }

    [Fact]
    public async Task MutationsNeedTheTokenAndReadsDoNotOnLoopback()
    {
        await CreateApplicationAsync("guarded", automated: false);

        var sync = await Assert.ThrowsAsync<RpcException>(() => _service.Anonymous.SyncAsync(new SyncRequest { Ref = Ref("guarded") }).ResponseAsync);
        var refresh = await Assert.ThrowsAsync<RpcException>(() => _service.Anonymous.RefreshAsync(new RefreshRequest { Ref = Ref("guarded") }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, sync.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, refresh.StatusCode);
        Assert.Null((await GetAsync("guarded")).Get("operation"));
        await Eventually.TrueAsync(() => _service.Anonymous.List(new ListApplicationsRequest { Namespace = Ns }).Items.Any(a => a.Ref.Name == "guarded"), "the application is listed", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RollbackIsRefusedWithAutoSyncAndForAnUnknownHistoryId()
    {
        await CreateApplicationAsync("auto", automated: true);
        await CreateApplicationAsync("manual", automated: false, history: true);

        var automated = await Assert.ThrowsAsync<RpcException>(() => _service.Client.RollbackAsync(new RollbackRequest { Ref = Ref("auto"), Id = 1 }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => _service.Client.RollbackAsync(new RollbackRequest { Ref = Ref("manual"), Id = 9 }).ResponseAsync);
        await _service.Client.RollbackAsync(new RollbackRequest { Ref = Ref("manual"), Id = 1 });

        Assert.Equal((StatusCode.FailedPrecondition, "rollback cannot be initiated when auto-sync is enabled"), (automated.StatusCode, automated.Status.Detail));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(new string('a', 40), (await GetAsync("manual")).GetString("operation", "sync", "revision"));
    }

    [Fact]
    public async Task RefreshSetsTheAnnotationAndGetAndHistoryReadTheCache()
    {
        await CreateApplicationAsync("refresh-me", automated: false, history: true);

        await _service.Client.RefreshAsync(new RefreshRequest { Ref = Ref("refresh-me"), Hard = true });

        Assert.Equal("hard", (await GetAsync("refresh-me")).GetAnnotation("argocd.argoproj.io/refresh"));
        await Eventually.TrueAsync(() => _service.Client.History(Ref("refresh-me")).Items.Count == 1, "history is served", TimeSpan.FromSeconds(10));
        var app = await _service.Client.GetAsync(new GetApplicationRequest { Ref = Ref("refresh-me") });
        Assert.Equal(("default", "https://kubernetes.default.svc", "web"), (app.Project, app.DestServer, app.DestNamespace));
        var notFound = await Assert.ThrowsAsync<RpcException>(() => _service.Client.GetAsync(new GetApplicationRequest { Ref = Ref("nothing") }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
    }

    [Fact]
    public async Task WaitEndsWhenConditionsHoldAndTimesOutOtherwise()
    {
        await CreateApplicationAsync("waiter", automated: false);

        using var call = _service.Client.Wait(new WaitRequest { Ref = Ref("waiter"), Health = true, TimeoutSeconds = 1 });
        var timedOut = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });
        Assert.Equal(StatusCode.DeadlineExceeded, timedOut.StatusCode);

        await _fixture.Client.PatchAsync(
            new ObjectReference("argoproj.io/v1alpha1", "Application", Ns, "waiter"),
            """{"status":{"health":{"status":"Healthy"},"sync":{"status":"Synced"}}}""",
            PatchType.Merge,
            new WriteOptions { Subresource = "status" },
            CancellationToken.None);
        using var done = _service.Client.Wait(new WaitRequest { Ref = Ref("waiter"), Health = true, Sync = true, TimeoutSeconds = 15 });
        Application? last = null;
        while (await done.ResponseStream.MoveNext(CancellationToken.None))
        {
            last = done.ResponseStream.Current;
        }

        Assert.Equal(("Healthy", "Synced"), (last!.HealthStatus, last.SyncStatus));
    }

    private static ApplicationRef Ref(string name) => new() { Namespace = Ns, Name = name };

    private async Task<KubeObject> GetAsync(string name) =>
        await _fixture.Client.GetAsync(new ObjectReference("argoproj.io/v1alpha1", "Application", Ns, name), CancellationToken.None);

    private async Task CreateApplicationAsync(string name, bool automated, bool history = false)
    {
        var app = new JsonObject
        {
            ["apiVersion"] = "argoproj.io/v1alpha1",
            ["kind"] = "Application",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
            ["spec"] = new JsonObject
            {
                ["project"] = "default",
                ["source"] = new JsonObject { ["repoURL"] = "https://git.example.test/homelab/apps.git", ["path"] = "web", ["targetRevision"] = "HEAD" },
                ["destination"] = new JsonObject { ["server"] = "https://kubernetes.default.svc", ["namespace"] = "web" },
                ["syncPolicy"] = automated ? new JsonObject { ["automated"] = new JsonObject { ["prune"] = true } } : new JsonObject(),
            },
        };
        await _fixture.Client.CreateAsync(new KubeObject(app), new WriteOptions(), CancellationToken.None);
        if (history)
        {
            var status = new JsonObject
            {
                ["history"] = new JsonArray(new JsonObject
                {
                    ["id"] = 1,
                    ["revision"] = new string('a', 40),
                    ["deployedAt"] = "2026-01-01T00:00:00Z",
                    ["source"] = new JsonObject { ["repoURL"] = "https://git.example.test/homelab/apps.git", ["path"] = "web", ["targetRevision"] = "HEAD" },
                }),
            };
            await _fixture.Client.PatchAsync(
                new ObjectReference("argoproj.io/v1alpha1", "Application", Ns, name),
                new JsonObject { ["status"] = status }.ToJsonString(),
                PatchType.Merge,
                new WriteOptions { Subresource = "status" },
                CancellationToken.None);
        }
    }
}
