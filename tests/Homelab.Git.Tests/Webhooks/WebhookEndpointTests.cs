using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Homelab.Git.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Homelab.Git.Tests.Webhooks;

/// <summary>The webhook endpoint on a real Kestrel server, called over real HTTP.</summary>
public sealed class WebhookEndpointTests : IAsyncLifetime
{
    private const string Secret = "hook-secret-value";
    private const string RepoUrl = "https://github.com/example/homelab";
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ConcurrentQueue<PushEvent> _pushes = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private IDisposable _subscription = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(_logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddGitWebhooks();
        _app = builder.Build();
        _app.MapGitWebhooks();
        await _app.StartAsync();

        var registry = _app.Services.GetRequiredService<GitWebhookRegistry>();
        registry.Set(new WebhookReceiver("github", WebhookProvider.GitHub, Encoding.UTF8.GetBytes(Secret)));
        registry.Set(new WebhookReceiver("gitea", WebhookProvider.Gitea, Encoding.UTF8.GetBytes(Secret)));
        registry.Set(new WebhookReceiver("gitlab", WebhookProvider.GitLab, Encoding.UTF8.GetBytes(Secret)));
        registry.Set(new WebhookReceiver("generic", WebhookProvider.GenericHmac, Encoding.UTF8.GetBytes(Secret)));
        _subscription = _app.Services.GetRequiredService<GitPushNotifier>().Subscribe(RepoUrl, "main", (push, _) =>
        {
            _pushes.Enqueue(push);
            return Task.CompletedTask;
        });

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _subscription.Dispose();
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string GitHubPush(string branch, string url = RepoUrl + ".git") =>
        $$$"""{"ref":"refs/heads/{{{branch}}}","after":"abc","repository":{"clone_url":"{{{url}}}","html_url":"{{{url}}}","ssh_url":"git@github.com:example/homelab.git"},"pusher":{"name":"PAYLOAD-MARKER"}}""";

    private static string Sign(string body, string secret = Secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private Task<HttpResponseMessage> Post(string receiver, string body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{receiver}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return _http.SendAsync(request);
    }

    [Fact]
    public async Task A_signed_github_push_to_a_watched_branch_notifies_the_watcher()
    {
        var body = GitHubPush("main");

        using var response = await Post("github", body, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", Sign(body)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var push = Assert.Single(_pushes);
        Assert.Equal("main", push.Branch);
        Assert.Contains(RepoUrl + ".git", push.RepositoryUrls);
    }

    [Fact]
    public async Task A_push_to_another_branch_or_repository_notifies_nobody()
    {
        var otherBranch = GitHubPush("feature");
        var otherRepo = GitHubPush("main", "https://github.com/example/other.git").Replace("example/homelab", "example/other", StringComparison.Ordinal);

        using var first = await Post("github", otherBranch, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", Sign(otherBranch)));
        using var second = await Post("github", otherRepo, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", Sign(otherRepo)));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Empty(_pushes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=00")]
    [InlineData("sha256=not-hex")]
    [InlineData("md5=abc")]
    public async Task An_unverified_github_push_is_401_and_logged_without_its_payload(string? signature)
    {
        var body = GitHubPush("main");
        var headers = signature is null ? new[] { ("X-GitHub-Event", "push") } : [("X-GitHub-Event", "push"), ("X-Hub-Signature-256", signature)];

        using var response = await Post("github", body, headers);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_pushes);
        Assert.Contains(_logs.Lines, l => l.Contains("not verified", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("PAYLOAD-MARKER", StringComparison.Ordinal) || l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signature_made_with_another_secret_is_401()
    {
        var body = GitHubPush("main");

        using var response = await Post("github", body, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", Sign(body, "wrong")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("""{"ref":"main","repository":{"clone_url":"https://x/y"}}""")]
    [InlineData("""{"ref":"refs/heads/main"}""")]
    public async Task A_verified_but_malformed_payload_is_400_and_logged_without_it(string body)
    {
        using var response = await Post("github", body, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", Sign(body)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_github_ping_is_accepted_and_ignored()
    {
        const string body = """{"zen":"Keep it logically awesome."}""";

        using var response = await Post("github", body, ("X-GitHub-Event", "ping"), ("X-Hub-Signature-256", Sign(body)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(_pushes);
    }

    [Fact]
    public async Task An_unknown_receiver_is_404()
    {
        using var response = await Post("nobody", "{}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Gitea_signature_headers_are_accepted()
    {
        var body = GitHubPush("main");
        var bare = Sign(body)["sha256=".Length..];

        using var response = await Post("gitea", body, ("X-Gitea-Event", "push"), ("X-Gitea-Signature", bare));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_pushes);
    }

    [Fact]
    public async Task Gitlab_token_is_checked_and_its_payload_shape_parsed()
    {
        const string body = """{"object_kind":"push","ref":"refs/heads/main","project":{"git_http_url":"https://github.com/example/homelab.git","git_ssh_url":"git@github.com:example/homelab.git"}}""";

        using var wrong = await Post("gitlab", body, ("X-Gitlab-Event", "Push Hook"), ("X-Gitlab-Token", "nope"));
        using var right = await Post("gitlab", body, ("X-Gitlab-Event", "Push Hook"), ("X-Gitlab-Token", Secret));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Single(_pushes);
    }

    [Fact]
    public async Task Generic_hmac_uses_the_x_signature_header()
    {
        const string body = """{"ref":"refs/heads/main","repository":{"url":"git@github.com:example/homelab.git"}}""";

        using var response = await Post("generic", body, ("X-Signature", Sign(body)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_pushes);
    }

    [Fact]
    public async Task An_oversized_payload_is_refused()
    {
        var body = new string(' ', GitWebhookEndpoints.MaxPayloadBytes + 1);

        using var response = await Post("github", body, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", Sign(body)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
