using Homelab.Controllers.Hosting;
using Homelab.Manifests.Objects;
using Homelab.Web.Auth;
using Homelab.Web.Endpoints;
using Homelab.Web.Hosting;
using Homelab.Web.Live;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Homelab.Web.Tests;

/// <summary>The access rules on their own: who may mutate, who may read, and what a Secret looks like on screen.</summary>
public sealed class WebAuthTests
{
    private const string Token = "s3cret-token";

    [Fact]
    public void Without_a_configured_token_every_mutation_is_refused_with_a_clear_message()
    {
        var decision = Auth(configured: false).Decide(Request(cookie: Token, csrf: true));
        Assert.False(decision.Allowed);
        Assert.Equal(401, decision.StatusCode);
        Assert.Contains("no API token", decision.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, true, 401)]
    [InlineData("wrong", true, 401)]
    [InlineData(Token, false, 403)]
    public void A_mutation_needs_the_right_cookie_and_the_csrf_header(string? cookie, bool csrf, int status)
    {
        var decision = Auth().Decide(Request(cookie, csrf));
        Assert.False(decision.Allowed);
        Assert.Equal(status, decision.StatusCode);
        Assert.DoesNotContain(Token, decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cookie_with_the_header_or_a_bearer_token_is_allowed_and_forwarded()
    {
        Assert.Equal(Token, Auth().Decide(Request(Token, csrf: true)).Token);
        var bearer = Request(cookie: null, csrf: false);
        bearer.Request.Headers.Authorization = $"Bearer {Token}";
        Assert.Equal(Token, Auth().Decide(bearer).Token);
        bearer.Request.Headers.Authorization = "Bearer nope";
        Assert.Equal(401, Auth().Decide(bearer).StatusCode);
    }

    [Theory]
    [InlineData(false, null, "203.0.113.7", true)]
    [InlineData(true, null, "127.0.0.1", false)]
    [InlineData(true, Token, "203.0.113.7", true)]
    [InlineData(null, null, "127.0.0.1", true)]
    [InlineData(null, null, "::1", true)]
    [InlineData(null, null, "203.0.113.7", false)]
    [InlineData(null, Token, "203.0.113.7", true)]
    public async Task Reads_pass_unless_a_login_is_required(bool? requireLogin, string? cookie, string remote, bool passes)
    {
        var context = Request(cookie, csrf: false);
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(remote);
        context.RequestServices = new ServiceCollection()
            .AddSingleton(new WebUiOptions { RequireLoginForReads = requireLogin })
            .AddSingleton(Auth())
            .BuildServiceProvider();
        var reached = false;
        var result = await AccessFilters.RequireRead(new DefaultEndpointFilterInvocationContext(context), _ =>
        {
            reached = true;
            return ValueTask.FromResult<object?>(Results.Ok());
        });
        Assert.Equal(passes, reached);
        if (!passes)
        {
            Assert.IsAssignableFrom<IResult>(result);
        }
    }

    [Fact]
    public void A_secret_is_shown_with_masked_values_and_without_its_last_applied_copy()
    {
        var secret = KubeObject.FromJson("""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"n",
             "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"data\":{\"a\":\"c2VjcmV0\"}}","keep":"me"},
             "managedFields":[{"manager":"x"}]},
             "data":{"a":"c2VjcmV0","b":"b3RoZXI="},"stringData":{"c":"plain"}}
            """);
        var shown = SecretRedactor.ForDisplay(secret);
        var json = shown.ToJson();
        Assert.DoesNotContain("c2VjcmV0", json, StringComparison.Ordinal);
        Assert.DoesNotContain("plain", json, StringComparison.Ordinal);
        Assert.DoesNotContain("managedFields", json, StringComparison.Ordinal);
        Assert.Equal(SecretRedactor.Mask, shown.GetString("data", "b"));
        Assert.Equal("me", shown.GetAnnotation("keep"));
        Assert.Equal("c2VjcmV0", secret.GetString("data", "a")); // the cached object is untouched
    }

    private static WebAuth Auth(bool configured = true) =>
        new(new ApiToken(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Api:Token"] = configured ? Token : null }).Build()));

    private static DefaultHttpContext Request(string? cookie, bool csrf)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = $"{WebAuth.CookieName}={cookie}";
        }

        if (csrf)
        {
            context.Request.Headers[WebAuth.CsrfHeader] = "1";
        }

        return context;
    }
}
