using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Homelab.Git.Fetching;
using Homelab.Git.Refs;
using Homelab.Git.Tests.Infrastructure;
using Homelab.Git.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Homelab.Git.Tests.Webhooks;

/// <summary>End to end: git push, then the provider's webhook, then an immediate refresh picks the commit up.</summary>
public sealed class PushTriggersRefreshTests : IDisposable
{
    private readonly GitFixture _git = new();

    public void Dispose() => _git.Dispose();

    [Fact]
    public async Task A_verified_push_webhook_refreshes_the_watched_source_at_once()
    {
        _git.Repository.Commit("one", ("a.yaml", "a: 1\n"));
        _git.Repository.Push();
        var source = new TrackedGitSource(_git.Client, new GitSourceRequest(_git.Repository.FileUrl, new RefSelector(RefKind.Branch, "main")));
        await source.RefreshAsync(CancellationToken.None);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddGitWebhooks();
        await using var app = builder.Build();
        app.MapGitWebhooks();
        await app.StartAsync();
        var secret = Encoding.UTF8.GetBytes("s");
        app.Services.GetRequiredService<GitWebhookRegistry>().Set(new WebhookReceiver("hook", WebhookProvider.GitHub, secret));
        var refreshed = Channel.CreateUnbounded<GitSourceStatus>();
        using var subscription = app.Services.GetRequiredService<GitPushNotifier>().Subscribe(
            _git.Repository.FileUrl,
            "main",
            async (_, ct) => await refreshed.Writer.WriteAsync(await source.RefreshAsync(ct), ct));

        var pushed = _git.Repository.Commit("two", ("a.yaml", "a: 2\n"));
        _git.Repository.Push();
        var body = $$$"""{"ref":"refs/heads/main","repository":{"clone_url":"{{{_git.Repository.FileUrl}}}"}}""";
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/hook") { Content = new StringContent(body) };
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(body))));
        using var response = await http.SendAsync(request);

        response.EnsureSuccessStatusCode();
        var status = await refreshed.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(status.Changed);
        Assert.Equal(pushed, status.Revision!.Sha);
        await app.StopAsync();
    }
}
