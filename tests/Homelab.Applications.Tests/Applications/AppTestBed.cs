using System.Text.Json.Nodes;
using Homelab.Applications.Tests.Fixtures;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Applications.Tests.Applications;

/// <summary>
/// One dev cluster, git daemon and running application service shared by a test class, with helpers to
/// create Applications from YAML and wait for what their status says. Each test uses its own
/// repository and destination namespaces, so tests in a class do not see each other's objects.
/// </summary>
public sealed class AppTestBed : IAsyncLifetime
{
    public const string ArgoNamespace = "argocd";

    private readonly ApplicationsFixture _fixture = new();

    public RunningService Service { get; private set; } = null!;

    /// <summary>The repository every test of the class writes its own folder into.</summary>
    public TestRepository Repo { get; private set; } = null!;

    /// <summary>A second repository, for multi-source apps (Helm value files by <c>$ref</c>).</summary>
    public TestRepository ValuesRepo { get; private set; } = null!;

    public string RepoUrl => ApplicationsFixture.CanonicalUrl(Repo);

    public string ValuesRepoUrl => ApplicationsFixture.CanonicalUrl(ValuesRepo);

    public IClusterClient Client => _fixture.Client;

    public ApplicationsFixture Fixture => _fixture;

    public async Task InitializeAsync()
    {
        await _fixture.InitializeAsync();
        await Client.CreateAsync(KubeObject.FromJson("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"argocd"}}"""), new WriteOptions(), CancellationToken.None);
        // The fixture installed the Argo CRDs after the client first read discovery.
        await Client.Discovery.RefreshAsync(CancellationToken.None);
        // Repositories exist before the service starts: their URL mappings are read at start.
        Repo = _fixture.CreateRepository("apps");
        ApplicationsFixture.CommitAndPush(Repo, "initial", ("README.md", "apps\n"));
        ValuesRepo = _fixture.CreateRepository("values");
        ApplicationsFixture.CommitAndPush(ValuesRepo, "initial", ("README.md", "values\n"));
        Service = await _fixture.StartServiceAsync();
    }

    /// <summary>Commits and pushes files to <see cref="Repo"/>; returns the commit SHA.</summary>
    public string Commit(string message, params (string Path, string Content)[] files) =>
        ApplicationsFixture.CommitAndPush(Repo, message, files);

    /// <summary>Removes a file from <see cref="Repo"/>, commits and pushes.</summary>
    public string Remove(string path)
    {
        File.Delete(Path.Combine(Repo.WorkPath, path));
        return ApplicationsFixture.CommitAndPush(Repo, "remove " + path);
    }

    public async Task RestartAsync(Func<Task>? whileStopped = null)
    {
        await Service.DisposeAsync();
        if (whileStopped is not null)
        {
            await whileStopped();
        }

        Service = await _fixture.StartServiceAsync();
    }

    public Task<KubeObject> CreateAsync(string yaml) =>
        Client.CreateAsync(YamlReader.ReadObjects(yaml, "test.yaml").Single(), new WriteOptions(), CancellationToken.None);

    public Task<KubeObject?> GetAsync(string apiVersion, string kind, string? @namespace, string name) =>
        Client.TryGetAsync(new ObjectReference(apiVersion, kind, @namespace, name), CancellationToken.None);

    public Task<KubeObject?> AppAsync(string name) => GetAsync("argoproj.io/v1alpha1", "Application", ArgoNamespace, name);

    public Task PatchAppAsync(string name, string mergePatch) =>
        Client.PatchAsync(new ObjectReference("argoproj.io/v1alpha1", "Application", ArgoNamespace, name), mergePatch, PatchType.Merge, new WriteOptions(), CancellationToken.None);

    public Task RefreshAsync(string name) =>
        PatchAppAsync(name, """{"metadata":{"annotations":{"argocd.argoproj.io/refresh":"normal"}}}""");

    /// <summary>Polls the Application until <paramref name="condition"/> holds; fails with its last status otherwise.</summary>
    public async Task<KubeObject> WaitForAppAsync(string name, Func<KubeObject, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        KubeObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await AppAsync(name);
            if (last is not null && condition(last))
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Application {name}: timed out waiting for {what}; status: {last?.Get("status")?.ToJsonString() ?? "(none)"}");
    }

    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The first container's image of a workload.</summary>
    public static string? Image(KubeObject workload) =>
        (workload.Get("spec", "template", "spec", "containers") as JsonArray)?.FirstOrDefault()?["image"]?.GetValue<string>();

    public static string? Sync(KubeObject app) => app.GetString("status", "sync", "status");

    public static string? Health(KubeObject app) => app.GetString("status", "health", "status");

    public static string? Phase(KubeObject app) => app.GetString("status", "operationState", "phase");

    public static IReadOnlyList<JsonObject> Conditions(KubeObject app) =>
        [.. (app.Get("status", "conditions") as JsonArray ?? []).OfType<JsonObject>()];

    public static bool HasCondition(KubeObject app, string type, string contains) =>
        Conditions(app).Any(c => c["type"]?.GetValue<string>() == type && (c["message"]?.GetValue<string>() ?? "").Contains(contains, StringComparison.Ordinal));

    public async Task DisposeAsync()
    {
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }

        await _fixture.DisposeAsync();
    }

    /// <summary>True when the object does not exist (a NotFound from the server).</summary>
    public async Task<bool> GoneAsync(string apiVersion, string kind, string? @namespace, string name)
    {
        try
        {
            return await GetAsync(apiVersion, kind, @namespace, name) is null;
        }
        catch (NotFoundException)
        {
            return true;
        }
    }
}
