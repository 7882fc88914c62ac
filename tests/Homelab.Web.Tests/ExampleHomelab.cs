using System.Reflection;
using System.Text.Json.Nodes;
using Homelab.Cli;
using Homelab.Manifests.Tools;
using Homelab.Testing.AppHost;
using Homelab.Testing.Git;

namespace Homelab.Web.Tests;

/// <summary>
/// One AppHost process running the example homelab on a temporary clone, shared by every test class of
/// the "example homelab" collection (each start costs ~20 s). Before the start the clone gets one commit
/// that makes <c>whoami-prod</c> a manual-sync application with a Secret (and lets the homelab project
/// hold Secrets), so there is an OutOfSync application to sync, diff and roll back.
/// </summary>
public sealed class ExampleHomelab : IAsyncLifetime
{
    public const string ManualApp = "whoami-prod";
    public const string ManualNamespace = "whoami-prod";
    public const string FirstImage = "traefik/whoami:v1.11.0";
    public const string SecretValue = "first-secret-value";

    public static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(150);
    public static readonly TimeSpan ChangePatience = TimeSpan.FromSeconds(45);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("web-ui-example-");
    private AppHostProcess? _host;

    public string Repository => Path.Combine(_root.FullName, "repo");

    public string StateDirectory => Path.Combine(_root.FullName, ".homelab");

    /// <summary>The UI's base address from the AppHost's state table (the applications resource's <c>ui</c> URL).</summary>
    public Uri Ui { get; private set; } = null!;

    public string Token { get; private set; } = "";

    public static string RepositoryRoot => typeof(ExampleHomelab).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "Homelab.RepositoryRoot").Value!.TrimEnd('/');

    public async Task InitializeAsync()
    {
        GitCli.Run(_root.FullName, "clone", "--quiet", RepositoryRoot, Repository);
        await PrepareManualApplicationAsync();
        var host = _host = AppHostProcess.Start(StateDirectory, Repository);
        var state = await Eventually.ValueAsync(
            () => Task.FromResult(host.ReadState() is { } s && AppHostProcess.AllRunning(s) ? s : null),
            StartPatience, "every AppHost resource Running");
        var applications = AppHostProcess.Resource(state, "applications");
        Ui = new Uri((string)applications["endpoints"]!["ui"]!);
        Token = FindToken(state);
        await Eventually.ValueAsync(
            async () => await CliAsync("app", "list") is { ExitCode: 0 } r && Rows(r.Output).Count >= 9 ? r.Output : null,
            StartPatience, "the example's Applications listed");
    }

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A child may still be releasing a file; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>The CLI in-process, from the temp folder so it finds the AppHost through <c>.homelab/apphost.json</c>.</summary>
    public async Task<(int ExitCode, string Output)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await HomelabCli.RunAsync(args, output, error, new CliEnvironment(_ => null, _root.FullName), TimeProvider.System, CancellationToken.None);
        return (code, code == 0 ? output.ToString() : output.ToString() + error);
    }

    public async Task<string> KubectlAsync(params string[] args) =>
        (await ProcessRunner.RunAsync(KubeToolLocator.Pinned.Locate(KubeTool.Kubectl), _host!.KubectlArguments(args), timeout: ChangePatience)).StandardOutput.Trim();

    public async Task CommitAsync(string message, params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(Repository, path), content);
        }

        GitCli.Run(Repository, "add", "-A");
        GitCli.Run(Repository, "-c", "user.name=web-ui", "-c", "user.email=web-ui@example.test", "commit", "--quiet", "-m", message);
    }

    public static List<string> Rows(string table) =>
        [.. table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)];

    public static string ProdOverlay(string? imageTag) =>
        File.ReadAllText(Path.Combine(RepositoryRoot, "applications/stacks-kustomize/whoami/overlays/prod/kustomization.yaml"))
            .Replace("  - ../../base\n", "  - ../../base\n  - credentials.yaml\n", StringComparison.Ordinal)
        + (imageTag is null ? "" : $"images:\n  - name: traefik/whoami\n    newTag: {imageTag}\n");

    public static string CredentialsSecret(string value) =>
        $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: whoami-credentials\ntype: Opaque\ndata:\n  password: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value))}\n";

    private async Task PrepareManualApplicationAsync()
    {
        var app = await File.ReadAllTextAsync(Path.Combine(Repository, "applications/apps/whoami-prod.yaml"));
        var manual = app.Replace("    automated:\n      prune: true\n      selfHeal: true\n", "", StringComparison.Ordinal);
        Assert.NotEqual(app, manual);
        var project = await File.ReadAllTextAsync(Path.Combine(Repository, "applications/projects/homelab.yaml"));
        var withSecrets = project.Replace("  namespaceResourceWhitelist:\n", "  namespaceResourceWhitelist:\n    - group: \"\"\n      kind: Secret\n", StringComparison.Ordinal);
        Assert.NotEqual(project, withSecrets);
        await CommitAsync(
            "web-ui tests: whoami-prod syncs manually and carries a Secret",
            ("applications/apps/whoami-prod.yaml", manual),
            ("applications/projects/homelab.yaml", withSecrets),
            ("applications/stacks-kustomize/whoami/overlays/prod/credentials.yaml", CredentialsSecret(SecretValue)),
            ("applications/stacks-kustomize/whoami/overlays/prod/kustomization.yaml", ProdOverlay(null)));
    }

    private static string FindToken(JsonNode state)
    {
        foreach (var key in new[] { "token", "apiToken" })
        {
            if (state[key] is JsonValue value && value.TryGetValue<string>(out var token))
            {
                return token;
            }
        }

        throw new InvalidOperationException($"apphost.json has no token: {state.ToJsonString()[..Math.Min(300, state.ToJsonString().Length)]}");
    }
}

[CollectionDefinition(Name)]
public sealed class ExampleHomelabCollection : ICollectionFixture<ExampleHomelab>
{
    public const string Name = "example homelab";
}
