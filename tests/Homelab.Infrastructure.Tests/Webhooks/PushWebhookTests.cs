using System.Net;
using System.Security.Cryptography;
using System.Text;
using Homelab.Infrastructure.Tests.Fixtures;

namespace Homelab.Infrastructure.Tests.Webhooks;

/// <summary>A GitHub-signed push over real HTTP makes the GitRepository fetch at once, long before its interval.</summary>
public sealed class PushWebhookTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    private const string Secret = "webhook-shared-secret";

    [Fact]
    public async Task AVerifiedPushUpdatesTheRevisionWithoutWaitingForTheInterval()
    {
        await using var service = await fixture.StartServiceAsync(new Dictionary<string, string?>
        {
            ["Webhooks:Receivers:0:Name"] = "github",
            ["Webhooks:Receivers:0:Provider"] = "GitHub",
            ["Webhooks:Receivers:0:Secret"] = Secret,
        });
        var repo = fixture.CreateRepository("webhook-push");
        var first = repo.CommitAndPush("first", new Dictionary<string, string> { ["a.yaml"] = "a: 1\n" });
        var ns = await fixture.CreateNamespaceAsync("webhook-push");
        await fixture.CreateAsync($"""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata:
              name: repo
              namespace: {ns}
            spec:
              url: {repo.Url}
              interval: 10h
              ref:
                branch: main
            """);
        await fixture.WaitForAsync("source.toolkit.fluxcd.io/v1", "GitRepository", ns, "repo", o => FluxStatus.ArtifactRevision(o) == GitTestRepository.Revision(first), "first revision");

        var second = repo.CommitAndPush("second", new Dictionary<string, string> { ["a.yaml"] = "a: 2\n" });
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["ref"] = "refs/heads/main",
            ["after"] = second,
            ["repository"] = new System.Text.Json.Nodes.JsonObject { ["clone_url"] = repo.Url },
        }.ToJsonString();
        using var http = new HttpClient { BaseAddress = service.HttpAddress };

        using var unsigned = await http.SendAsync(Push(body, signature: "sha256=" + new string('0', 64)));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);

        using var response = await http.SendAsync(Push(body, Sign(body)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"notified\":1", await response.Content.ReadAsStringAsync());

        await fixture.WaitForAsync("source.toolkit.fluxcd.io/v1", "GitRepository", ns, "repo", o => FluxStatus.ArtifactRevision(o) == GitTestRepository.Revision(second), "revision after the push", TimeSpan.FromSeconds(10));
    }

    private static HttpRequestMessage Push(string body, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/github") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-Hub-Signature-256", signature);
        return request;
    }

    private static string Sign(string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)));
}
