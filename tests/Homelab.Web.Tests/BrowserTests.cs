using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Homelab.Web.Tests;

/// <summary>
/// The UI in Debian's Chromium (headless, driven by Playwright) against the AppHost running the example
/// homelab: what the overview shows, sync / diff / rollback on the application page, and a refused
/// action without the token. Screenshots land in TestResults/screenshots/ (CI artifacts, git-ignored).
/// </summary>
[Collection(ExampleHomelabCollection.Name)]
public sealed class BrowserTests(ExampleHomelab homelab) : IAsyncLifetime
{
    private const string SecondImageTag = "v1.10.4";
    private const string SecondSecretValue = "second-secret-value";

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    private static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Test machines run as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task The_overview_lists_every_kustomization_and_application_with_the_right_badges()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(homelab.Ui.ToString());

        // The grid updates live; wait until every card's badges agree with what the CLI reports.
        var cards = await Eventually.ValueAsync(async () =>
        {
            var expected = await CliJsonAsync("app", "list", "-o", "json");
            var items = (expected["items"] ?? expected).AsArray();
            var shown = await page.Locator("li.card").EvaluateAllAsync<string[]>("cards => cards.map(c => `${c.dataset.app} ${c.dataset.sync} ${c.dataset.health}`)");
            var want = items.Select(a => $"{a!["ref"]!["namespace"]}/{a["ref"]!["name"]} {(string?)a["syncStatus"] ?? ""} {(string?)a["healthStatus"] ?? ""}").Order().ToList();
            return want.Count >= 9 && shown.Order().SequenceEqual(want) ? shown : null;
        }, ExampleHomelab.StartPatience, "the overview's application badges match the CLI's");
        Assert.Contains(cards, c => c.StartsWith($"argocd/{ExampleHomelab.ManualApp} ", StringComparison.Ordinal));
        Assert.Equal("Synced", await page.Locator("li.card[data-app='argocd/root'] [data-badge='Sync']").TextContentAsync());

        // Every Kustomization and HelmRelease is a node of the DAG with its Ready state.
        var flux = await Eventually.ValueAsync(async () =>
        {
            var kustomizations = (await CliJsonAsync("get", "kustomizations", "-A", "-o", "json"))["items"]!.AsArray();
            var nodes = await page.Locator("[data-node]").EvaluateAllAsync<string[]>("nodes => nodes.map(n => `${n.dataset.node} ${n.dataset.ready}`)");
            var want = kustomizations.Select(k => $"Kustomization/{k!["ref"]!["namespace"]}/{k["ref"]!["name"]} {(string?)k["ready"] ?? ""}").ToList();
            // The example converges: every Kustomization (the UI's Ingress in `ingress` included) ends Ready.
            return want.Count >= 6 && want.All(w => w.EndsWith(" True", StringComparison.Ordinal)) && want.All(nodes.Contains) && nodes.Any(n => n.StartsWith("HelmRelease/", StringComparison.Ordinal)) ? nodes : null;
        }, ExampleHomelab.StartPatience, "the DAG shows every Kustomization Ready and the HelmReleases");
        Assert.Contains(flux, n => n.StartsWith("Kustomization/flux-system/monitoring ", StringComparison.Ordinal));
        Assert.True(await page.Locator("svg.dag path.edge").CountAsync() >= 4, "dependsOn edges are drawn");

        await ScreenshotAsync(page, "overview.png");
    }

    [Fact]
    public async Task Sync_diff_and_rollback_from_the_application_page()
    {
        var page = await NewPageAsync();
        await LoginAsync(page);
        await page.GotoAsync(new Uri(homelab.Ui, $"apps/argocd/{ExampleHomelab.ManualApp}").ToString());
        var sync = page.Locator("[data-badge='Sync']").First;

        // First sync of the manual application (it starts OutOfSync): the Sync button makes it Synced.
        if (await Eventually.ValueAsync(async () => await sync.TextContentAsync() is { Length: > 0 } s && s != "Unknown" ? s : null, ExampleHomelab.StartPatience, "a sync status") != "Synced")
        {
            await SyncAndWaitAsync(page);
        }

        var firstImage = await ImageAsync();
        Assert.Equal(ExampleHomelab.FirstImage, firstImage);

        // A commit changes the image and the Secret's value: the application goes OutOfSync.
        await homelab.CommitAsync(
            "web-ui tests: new whoami image and credentials",
            ("applications/stacks-kustomize/whoami/overlays/prod/kustomization.yaml", ExampleHomelab.ProdOverlay(SecondImageTag)),
            ("applications/stacks-kustomize/whoami/overlays/prod/credentials.yaml", ExampleHomelab.CredentialsSecret(SecondSecretValue)));
        await Assertions.Expect(sync).ToHaveTextAsync("OutOfSync", new() { Timeout = (float)ExampleHomelab.ChangePatience.TotalMilliseconds });

        // The diff view shows the image change and the Secret with masked values only.
        await page.Locator("#tab-diff").ClickAsync();
        var deployment = page.Locator("[data-diff='apps/Deployment/whoami-prod/whoami']");
        await Assertions.Expect(deployment).ToContainTextAsync($"traefik/whoami:{SecondImageTag}", new() { Timeout = (float)ExampleHomelab.ChangePatience.TotalMilliseconds });
        var secret = page.Locator("[data-diff='/Secret/whoami-prod/whoami-credentials']");
        await Assertions.Expect(secret).ToContainTextAsync("password");
        var secretDiff = await secret.TextContentAsync() ?? "";
        foreach (var value in new[] { ExampleHomelab.SecretValue, SecondSecretValue })
        {
            Assert.DoesNotContain(value, secretDiff, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value)), secretDiff, StringComparison.Ordinal);
        }

        Assert.Matches(@"\+\s*password: \+{8,}", secretDiff);

        await page.Locator("#tab-tree").ClickAsync();
        await SyncAndWaitAsync(page);
        Assert.Equal($"traefik/whoami:{SecondImageTag}", await ImageAsync());

        // The live Secret as the UI shows it: masked.
        await page.Locator("button[aria-label='Show live manifest of Secret whoami-prod/whoami-credentials']").ClickAsync();
        await Assertions.Expect(page.Locator("#manifest pre")).ToContainTextAsync("********");
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(SecondSecretValue)), await page.Locator("#manifest pre").TextContentAsync() ?? "", StringComparison.Ordinal);
        await ScreenshotAsync(page, "application.png");

        // Roll back to the entry before the last one: the live image is the old one again.
        await page.Locator("#tab-history").ClickAsync();
        var rows = page.Locator("tr[data-history]");
        await Assertions.Expect(rows.Nth(1)).ToBeVisibleAsync();
        var previous = await rows.Nth(1).GetAttributeAsync("data-history");
        await page.Locator($"button[aria-label='Roll back to history {previous}']").ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync($"Rollback to {previous}: done");
        await Eventually.ValueAsync(async () => await ImageAsync() == ExampleHomelab.FirstImage ? "" : null, ExampleHomelab.ChangePatience, "the rolled-back image live");
    }

    [Fact]
    public async Task An_action_without_the_token_is_refused_with_a_visible_message()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(homelab.Ui, "apps/argocd/root").ToString());
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
        await page.Locator("#refresh").ClickAsync();
        var notice = page.Locator("#notice");
        await Assertions.Expect(notice).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToContainTextAsync("refused (401)");
        await Assertions.Expect(notice).ToContainTextAsync("Log in with the API token");

        // A wrong token is refused at login, too.
        await page.Locator("#token").FillAsync("not-the-token");
        await page.Locator("#login button[type=submit]").ClickAsync();
        await Assertions.Expect(notice).ToContainTextAsync("Log in failed");
        await Assertions.Expect(page.Locator("#logout")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_kustomization_and_helmrelease_pages_show_state_and_suspend_resume_and_reconcile()
    {
        var page = await NewPageAsync();
        await LoginAsync(page);
        await page.GotoAsync(homelab.Ui.ToString());
        // From the DAG by keyboard-reachable link, as a user would.
        await page.Locator("a[aria-label^='Kustomization flux-system/monitoring']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Kustomization flux-system/monitoring");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Last applied revision");
        await Assertions.Expect(page.Locator("main table").First).ToContainTextAsync("ReconciliationSucceeded");
        await Assertions.Expect(page.Locator("main ul.tree").First).ToContainTextAsync("Deployment monitoring/");

        await page.Locator("#suspend").ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Suspend: done");
        await Assertions.Expect(page.Locator("#resume")).ToBeVisibleAsync();
        Assert.Contains("true", await homelab.KubectlAsync("get", "kustomization", "monitoring", "-n", "flux-system", "-o", "jsonpath={.spec.suspend}"), StringComparison.Ordinal);

        await page.Locator("#resume").ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Resume: done");
        await Assertions.Expect(page.Locator("#suspend")).ToBeVisibleAsync();
        await page.Locator("#reconcile").ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Reconcile: done");
        Assert.NotEqual("true", await homelab.KubectlAsync("get", "kustomization", "monitoring", "-n", "flux-system", "-o", "jsonpath={.spec.suspend}"));

        // A HelmRelease page: its Helm history.
        await page.GotoAsync(new Uri(homelab.Ui, "flux/HelmRelease/traefik/traefik").ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("HelmRelease traefik/traefik");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Helm history");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("deployed");
    }

    [Fact]
    public async Task Pages_fit_a_phone_switch_theme_and_start_with_a_skip_link()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, ColorScheme = ColorScheme.Light });
        var page = await context.NewPageAsync();
        foreach (var path in new[] { "", "apps/argocd/root" })
        {
            await page.GotoAsync(new Uri(homelab.Ui, path).ToString());
            await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("main h2").First).ToBeVisibleAsync();
            // Nothing but the DAG (which scrolls inside its own box) may widen the page past the screen.
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"/{path} overflows a 390 px screen");
        }

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));

        var light = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        await page.Locator("#theme").ClickAsync();
        Assert.Equal("dark", await page.EvaluateAsync<string>("() => document.documentElement.dataset.theme"));
        Assert.NotEqual(light, await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        await ScreenshotAsync(page, "application-phone-dark.png");
        await context.CloseAsync();
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return await context.NewPageAsync();
    }

    private async Task LoginAsync(IPage page)
    {
        await page.GotoAsync(homelab.Ui.ToString());
        await page.Locator("#token").FillAsync(homelab.Token);
        await page.Locator("#login button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#logout")).ToBeVisibleAsync();
    }

    private static async Task SyncAndWaitAsync(IPage page)
    {
        await page.Locator("#sync").ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Sync: done");
        await Assertions.Expect(page.Locator("[data-badge='Sync']").First).ToHaveTextAsync("Synced", new() { Timeout = (float)ExampleHomelab.ChangePatience.TotalMilliseconds });
    }

    private async Task<string> ImageAsync() =>
        await homelab.KubectlAsync("get", "deployment", "whoami", "-n", ExampleHomelab.ManualNamespace, "-o", "jsonpath={.spec.template.spec.containers[0].image}");

    private async Task<JsonNode> CliJsonAsync(params string[] args)
    {
        var (code, output) = await homelab.CliAsync(args);
        Assert.True(code == 0, output);
        return JsonNode.Parse(output)!;
    }

    /// <summary>Saves a full-page screenshot and checks it has content: much larger than a blank page's at the same size.</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name);
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        var blankPage = await page.Context.NewPageAsync();
        var blank = await blankPage.ScreenshotAsync();
        await blankPage.CloseAsync();
        Assert.True(new FileInfo(path).Length > 0);
        Assert.True(png.Length > 4 * blank.Length, $"{name} ({png.Length} bytes) looks blank next to an empty page ({blank.Length} bytes)");
    }
}
