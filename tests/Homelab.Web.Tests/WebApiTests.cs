using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Homelab.Web.Tests;

/// <summary>The JSON endpoints, the session cookie, CSRF and 401s, and page weight — plain HTTP against the AppHost.</summary>
[Collection(ExampleHomelabCollection.Name)]
public sealed class WebApiTests(ExampleHomelab homelab)
{
    private const long MaxPageAssetBytes = 500 * 1024;

    [Fact]
    public async Task The_overview_endpoint_lists_every_application_and_kustomization_the_cli_lists()
    {
        using var http = Client();
        var overview = JsonNode.Parse(await http.GetStringAsync("api/overview"))!;
        var apps = overview["applications"]!["items"]!.AsArray().Select(a => $"{a!["ref"]!["namespace"]}/{a["ref"]!["name"]}").ToHashSet();
        var cliApps = ExampleHomelab.Rows((await homelab.CliAsync("app", "list")).Output).Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]).ToHashSet();
        Assert.Superset(cliApps, apps);
        Assert.Contains($"argocd/{ExampleHomelab.ManualApp}", apps);

        var kustomizations = overview["kustomizations"]!["items"]!.AsArray().Select(k => (string)k!["ref"]!["name"]!).ToHashSet();
        Assert.Null((string?)overview["infrastructureError"]);
        Assert.Superset(new HashSet<string> { "cluster", "namespaces", "storage", "ingress", "monitoring" }, kustomizations);
        Assert.Contains(overview["helmReleases"]!["items"]!.AsArray(), h => (string?)h!["ref"]!["name"] == "traefik");
    }

    [Fact]
    public async Task Application_reads_answer_json_and_unknown_names_404()
    {
        using var http = Client();
        var app = JsonNode.Parse(await http.GetStringAsync($"api/applications/argocd/{ExampleHomelab.ManualApp}"))!;
        Assert.Equal(ExampleHomelab.ManualApp, (string?)app["ref"]!["name"]);
        Assert.False((bool)app["autoSync"]!);
        var history = JsonNode.Parse(await http.GetStringAsync($"api/applications/argocd/{ExampleHomelab.ManualApp}/history"))!;
        Assert.NotNull(history["items"]);
        var events = JsonNode.Parse(await http.GetStringAsync("api/applications/argocd/root/events"))!;
        Assert.IsType<JsonArray>(events);

        // Live manifests are served for the application's own resources only.
        using (var foreign = await http.GetAsync("api/applications/argocd/root/manifest?group=&version=v1&kind=ConfigMap&namespace=kube-system&name=extension-apiserver-authentication"))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
            Assert.Contains("is not a resource of application argocd/root", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var ownYaml = await http.GetStringAsync("api/applications/argocd/root/manifest?group=argoproj.io&version=v1alpha1&kind=Application&namespace=argocd&name=projects");
        Assert.Contains("name: projects", ownYaml, StringComparison.Ordinal);

        using var missing = await http.GetAsync("api/applications/argocd/no-such-app");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("not found", (await missing.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mutations_need_the_token_cookie_and_the_csrf_header()
    {
        using var anonymous = Client();
        using var refused = await anonymous.PostAsJsonAsync("api/applications/argocd/root/refresh", new { hard = false });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Log in", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var badLogin = await anonymous.PostAsJsonAsync("api/login", new { token = "wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, badLogin.StatusCode);

        var cookies = new CookieContainer();
        using var session = Client(cookies);
        using (var login = await session.PostAsJsonAsync("api/login", new { token = homelab.Token }))
        {
            Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
            var setCookie = string.Join(";", login.Headers.GetValues("Set-Cookie")).ToLowerInvariant();
            Assert.Contains("httponly", setCookie, StringComparison.Ordinal);
            Assert.Contains("samesite=strict", setCookie, StringComparison.Ordinal);
            Assert.DoesNotContain(homelab.Token.ToLowerInvariant(), (await login.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
        }

        Assert.True((bool)JsonNode.Parse(await session.GetStringAsync("api/session"))!["loggedIn"]!);
        using (var ok = await session.PostAsJsonAsync("api/applications/argocd/root/refresh", new { hard = false }))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        // The same cookie without the header the UI's scripts send: what a cross-site form could do.
        var forged = new HttpRequestMessage(HttpMethod.Post, "api/applications/argocd/root/refresh") { Content = JsonContent.Create(new { hard = false }) };
        forged.Headers.Remove("X-Homelab-UI");
        using var noHeader = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = homelab.Ui };
        using (var csrf = await noHeader.SendAsync(forged))
        {
            Assert.Equal(HttpStatusCode.Forbidden, csrf.StatusCode);
        }

        // A bearer header works without the cookie (scripts, curl).
        using var bearer = new HttpClient { BaseAddress = homelab.Ui };
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", homelab.Token);
        using (var ok = await bearer.PostAsJsonAsync("api/applications/argocd/root/refresh", new { hard = false }))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        // GET is not a mutation route.
        using var get = await session.GetAsync("api/applications/argocd/root/sync");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }

    [Fact]
    public async Task No_page_loads_more_than_500_KB_of_assets()
    {
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = homelab.Ui };
        foreach (var page in new[] { "", "apps/argocd/root", "flux/Kustomization/flux-system/ingress" })
        {
            var html = await http.GetStringAsync(page);
            var assets = System.Text.RegularExpressions.Regex.Matches(html, "(?:href|src)=\"(/ui/assets/[^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(assets);
            // The shell loads app.js, which imports the page modules: count every module the assembly serves.
            var modules = new[] { "js/app.js", "js/api.js", "js/dom.js", "js/dag.js", "js/overview.js", "js/application.js", "js/flux.js" }.Select(m => $"/ui/assets/{m}");
            long total = html.Length;
            foreach (var asset in assets.Concat(modules).Distinct())
            {
                using var response = await http.GetAsync(new Uri(homelab.Ui, asset));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                total += (await response.Content.ReadAsByteArrayAsync()).Length;
            }

            Assert.InRange(total, 1, MaxPageAssetBytes);
        }
    }

    [Fact]
    public async Task Reads_can_require_a_login_and_the_stream_sends_events()
    {
        using var http = Client();
        var session = JsonNode.Parse(await http.GetStringAsync("api/session"))!;
        Assert.False((bool)session["requireLoginForReads"]!);
        Assert.True((bool)session["tokenConfigured"]!);

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/stream");
        using var stream = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.StartsWith("retry:", await reader.ReadLineAsync(), StringComparison.Ordinal);

        // A refresh changes the Application (annotation), which the stream reports.
        using var bearer = new HttpClient { BaseAddress = homelab.Ui };
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", homelab.Token);
        using (await bearer.PostAsJsonAsync("api/applications/argocd/root/refresh", new { hard = false }))
        {
        }

        using var timeout = new CancellationTokenSource(ExampleHomelab.ChangePatience);
        string? line;
        do
        {
            line = await reader.ReadLineAsync(timeout.Token);
        }
        while (line is not null && !line.StartsWith("data:", StringComparison.Ordinal));

        Assert.NotNull(line);
        Assert.Contains("\"scope\"", line, StringComparison.Ordinal);
    }

    private HttpClient Client(CookieContainer? cookies = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer() }) { BaseAddress = homelab.Ui };
        client.DefaultRequestHeaders.Add("X-Homelab-UI", "1");
        return client;
    }
}
