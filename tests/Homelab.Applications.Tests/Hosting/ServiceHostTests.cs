using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Homelab.Applications.Tests.Fixtures;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;
using WriteOptions = Homelab.Kubernetes.Client.WriteOptions;

namespace Homelab.Applications.Tests.Hosting;

/// <summary>The host's own duties on the dev cluster: the default project, /metrics, and push webhooks.</summary>
public sealed class ServiceHostTests : IAsyncLifetime
{
    private const string Ns = "host-apps";
    private const string Secret = "webhook-secret-42";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly ApplicationsFixture _fixture = new();
    private RunningService _service = null!;

    public async Task InitializeAsync()
    {
        await _fixture.InitializeAsync();
        await _fixture.Client.CreateAsync(KubeObject.FromJson($$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{Ns}}}"}}"""), new WriteOptions(), CancellationToken.None);
        _service = await _fixture.StartServiceAsync(settings: new Dictionary<string, string?>
        {
            ["Controllers:Namespaces"] = "controlled-elsewhere",
            ["Webhooks:Receivers:0:Name"] = "github",
            ["Webhooks:Receivers:0:Provider"] = "GitHub",
            ["Webhooks:Receivers:0:Secret"] = Secret,
        });
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _fixture.DisposeAsync();
    }

    [Fact]
    public async Task CreatesTheDefaultProjectAllowingEverything()
    {
        var reference = new ObjectReference("argoproj.io/v1alpha1", "AppProject", "argocd", "default");
        KubeObject? project = null;
        await Eventually.TrueAsync(() => (project = _fixture.Client.TryGetAsync(reference, CancellationToken.None).GetAwaiter().GetResult()) is not null, "the default AppProject exists", Timeout);

        Assert.Equal("*", project!.Get("spec", "sourceRepos")![0]!.GetValue<string>());
        Assert.Equal("*", project.Get("spec", "destinations")![0]!["namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task MetricsServeAppInfoPerApplicationAndDropDeletedOnes()
    {
        await CreateApplicationAsync("metered");
        using var http = new HttpClient { BaseAddress = _service.Http };
        var series = "argocd_app_info{namespace=\"host-apps\",name=\"metered\",project=\"default\",repo=\"https://git.example.test/homelab/apps.git\",dest_server=\"https://kubernetes.default.svc\",dest_namespace=\"web\",sync_status=\"\",health_status=\"\",autosync_enabled=\"false\",operation=\"\"} 1";

        await Eventually.TrueAsync(() => http.GetStringAsync("/metrics").GetAwaiter().GetResult().Contains(series, StringComparison.Ordinal), "argocd_app_info has the application's series", Timeout);
        var text = await http.GetStringAsync("/metrics");
        Assert.Contains("# TYPE argocd_app_reconcile histogram", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE argocd_app_sync_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE argocd_git_request_total counter", text, StringComparison.Ordinal);

        await _fixture.Client.DeleteAsync(new ObjectReference("argoproj.io/v1alpha1", "Application", Ns, "metered"), new DeleteOptions(), CancellationToken.None);
        await Eventually.TrueAsync(() => !http.GetStringAsync("/metrics").GetAwaiter().GetResult().Contains("name=\"metered\"", StringComparison.Ordinal), "the deleted application's series is gone", Timeout);
    }

    [Fact]
    public async Task AVerifiedPushRefreshesTheApplicationsOfThatRepository()
    {
        await CreateApplicationAsync("pushed");
        await CreateApplicationAsync("other", repo: "https://git.example.test/homelab/elsewhere.git");
        using var http = new HttpClient { BaseAddress = _service.Http };
        var body = """{"ref":"refs/heads/main","repository":{"clone_url":"https://git.example.test/homelab/apps.git","html_url":"https://git.example.test/homelab/apps"}}""";

        await Eventually.TrueAsync(() => Post(http, body, Secret) == System.Net.HttpStatusCode.OK && Annotation("pushed") == "normal", "the push refreshes the application", Timeout);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, Post(http, body, "wrong-secret"));
        Assert.Null(Annotation("other"));
    }

    private string? Annotation(string name) =>
        _fixture.Client.GetAsync(new ObjectReference("argoproj.io/v1alpha1", "Application", Ns, name), CancellationToken.None).GetAwaiter().GetResult()
            .GetAnnotation("argocd.argoproj.io/refresh");

    private static System.Net.HttpStatusCode Post(HttpClient http, string body, string secret)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/github") { Content = content };
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))));
        using var response = http.Send(request);
        return response.StatusCode;
    }

    private async Task CreateApplicationAsync(string name, string repo = "https://git.example.test/homelab/apps.git") =>
        await _fixture.Client.CreateAsync(
            KubeObject.FromJson($$$"""
                {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"{{{name}}}","namespace":"{{{Ns}}}"},
                 "spec":{"project":"default","source":{"repoURL":"{{{repo}}}","path":"web","targetRevision":"HEAD"},
                 "destination":{"server":"https://kubernetes.default.svc","namespace":"web"} } }
                """),
            new WriteOptions(),
            CancellationToken.None);
}
