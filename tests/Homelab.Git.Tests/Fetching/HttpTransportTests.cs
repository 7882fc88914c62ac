using Homelab.Git.Credentials;
using Homelab.Git.Fetching;
using Homelab.Git.Refs;
using Homelab.Git.Tests.Infrastructure;

namespace Homelab.Git.Tests.Fetching;

/// <summary>Smart HTTP with basic auth through the real git http-backend behind Kestrel.</summary>
public sealed class HttpTransportTests : IAsyncLifetime
{
    private const string Password = "s3cret-pa55word";
    private const string BearerToken = "bearer-t0ken-value";
    private GitFixture _git = null!;
    private GitHttpServer _server = null!;

    public async Task InitializeAsync()
    {
        _git = new GitFixture(configure: o => o.MaxAttempts = 3);
        _git.Repository.Commit("one", ("deploy/a.yaml", "a: 1\n"));
        _git.Repository.Push();
        _server = await GitHttpServer.StartAsync(_git.Repository.Root, "flux", Password, BearerToken);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _git.Dispose();
    }

    private GitSourceRequest Request(GitCredentials credentials) =>
        new(_server.UrlFor(_git.Repository.Name), new RefSelector(RefKind.Branch, "main"), credentials);

    [Fact]
    public async Task Basic_auth_fetches_and_picks_up_a_pushed_commit()
    {
        var source = new TrackedGitSource(_git.Client, Request(GitCredentials.Basic("flux", Password)));
        var first = await source.RefreshAsync(CancellationToken.None);
        Assert.True(first.Succeeded, first.Error);

        var pushed = _git.Repository.Commit("two", ("deploy/b.yaml", "b: 1\n"));
        _git.Repository.Push();
        var second = await source.RefreshAsync(CancellationToken.None);

        Assert.True(second.Changed);
        Assert.Equal($"main@sha1:{pushed}", second.Revision!.ToString());
    }

    [Fact]
    public async Task A_wrong_password_is_an_authentication_failure_that_is_not_retried_and_not_echoed()
    {
        var error = await Assert.ThrowsAsync<GitSourceException>(() =>
            _git.Client.SyncAsync(Request(GitCredentials.Basic("flux", "wrong-horse-battery")), null, CancellationToken.None));

        Assert.Equal(GitFailureReason.AuthenticationFailed, error.Reason);
        Assert.DoesNotContain("wrong-horse-battery", error.ToString());
        Assert.DoesNotContain(Password, error.ToString());
        Assert.Equal(1, _git.LsRemotes);
        Assert.Equal(0, _git.Fetches);
    }

    [Fact]
    public async Task A_bearer_token_is_sent_as_a_header_for_both_ls_remote_and_fetch()
    {
        var head = _git.Repository.Head();

        var result = await _git.Client.SyncAsync(Request(GitCredentials.Bearer(BearerToken)), null, CancellationToken.None);

        Assert.Equal(head, result.Revision.Sha);
        Assert.Equal((1, 1), (_git.LsRemotes, _git.Fetches));
    }

    [Fact]
    public async Task A_wrong_bearer_token_is_an_authentication_failure_without_the_token_in_the_message()
    {
        var error = await Assert.ThrowsAsync<GitSourceException>(() =>
            _git.Client.SyncAsync(Request(GitCredentials.Bearer("stolen-token-xyz")), null, CancellationToken.None));

        Assert.Equal(GitFailureReason.AuthenticationFailed, error.Reason);
        Assert.DoesNotContain("stolen-token-xyz", error.ToString());
    }

    [Fact]
    public async Task No_credentials_against_a_protected_server_is_an_authentication_failure()
    {
        var error = await Assert.ThrowsAsync<GitSourceException>(() =>
            _git.Client.SyncAsync(Request(GitCredentials.Anonymous), null, CancellationToken.None));

        Assert.Equal(GitFailureReason.AuthenticationFailed, error.Reason);
    }

    [Fact]
    public async Task Userinfo_in_the_url_never_reaches_the_error_message()
    {
        var url = _server.UrlFor(_git.Repository.Name).Replace("http://", "http://flux:leaky-pass@", StringComparison.Ordinal);
        var request = new GitSourceRequest(url + "-missing", new RefSelector(RefKind.Branch, "main"), GitCredentials.Basic("flux", Password));

        var error = await Assert.ThrowsAsync<GitSourceException>(() => _git.Client.SyncAsync(request, null, CancellationToken.None));

        Assert.DoesNotContain("leaky-pass", error.ToString());
        Assert.DoesNotContain("leaky-pass", request.ToString());
    }

    [Fact]
    public async Task A_server_killed_mid_fetch_keeps_the_last_good_revision_then_recovers()
    {
        var source = new TrackedGitSource(_git.Client, Request(GitCredentials.Basic("flux", Password)));
        var good = await source.RefreshAsync(CancellationToken.None);
        File.WriteAllBytes(Path.Combine(_git.Repository.WorkPath, "blob.bin"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(2 << 20));
        var big = _git.Repository.Commit("big");
        _git.Repository.Push();

        _server.KillPacks(afterBytes: 64 * 1024, times: 3);
        var failed = await source.RefreshAsync(CancellationToken.None);

        Assert.False(failed.Succeeded);
        Assert.Equal(GitFailureReason.Transport, failed.FailureReason);
        Assert.Equal(good.Revision, failed.Revision);
        Assert.Equal(3, _git.Fetches - 1);

        var recovered = await source.RefreshAsync(CancellationToken.None);
        Assert.True(recovered.Succeeded, recovered.Error);
        Assert.Equal(big, recovered.Revision!.Sha);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_with_backoff()
    {
        var head = _git.Repository.Commit("more", ("c.yaml", "c: 1\n"));
        _git.Repository.Push();
        _server.KillPacks(afterBytes: 0, times: 1);

        var result = await _git.Client.SyncAsync(Request(GitCredentials.Basic("flux", Password)), null, CancellationToken.None);

        Assert.Equal(head, result.Revision.Sha);
        Assert.Equal(2, _git.Fetches);
        Assert.Equal(2, _server.PackRequests);
    }
}
