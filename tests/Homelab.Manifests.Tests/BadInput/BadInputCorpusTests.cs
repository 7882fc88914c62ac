using Homelab.Manifests.Rendering;
using Homelab.Manifests.Substitution;
using Homelab.Manifests.Tests.Rendering;

namespace Homelab.Manifests.Tests.BadInput;

/// <summary>
/// Every file under TestData/bad must fail with a <see cref="ManifestException"/> naming the file —
/// never a crash, a hang or an out-of-memory. The deliberate non-errors live under bad/accepted and
/// are covered by <see cref="AcceptedInputTests"/>.
/// </summary>
public sealed class BadInputCorpusTests
{
    private static readonly string Bad = Path.Combine(RenderFixture.TestData, "bad");

    /// <summary>Case (a path under bad/), the request options it needs, and the file its error must name.</summary>
    public static TheoryData<string, string> Cases() => new()
    {
        { "malformed.yaml", "malformed.yaml:5" },
        { "tabs.yaml", "tabs.yaml:4" },
        { "missing-apiversion.yaml", "missing-apiversion.yaml:1" },
        { "missing-kind.yaml", "missing-kind.yaml:1" },
        { "duplicate-identity", "duplicate-identity/a.yaml:1" },
        { "billion-laughs.yaml", "billion-laughs.yaml" },
        { "kustomize-escape", "kustomize-escape/kustomization.yaml" },
        { "kustomize-remote", "kustomize-remote/kustomization.yaml" },
        { "kustomize-missing", "kustomize-missing/kustomization.yaml" },
        { "binary.yaml", "binary.yaml:6" },
        { "invalid-utf8.yaml", "invalid-utf8.yaml:6" },
        { "duplicate-keys.yaml", "duplicate-keys.yaml:5" },
        { "infinity.yaml", "infinity.yaml:6" },
        { "nan.yaml", "nan.yaml:6" },
        { "bad-int-tag.yaml", "bad-int-tag.yaml:6" },
        { "scalar-document.yaml", "scalar-document.yaml:1" },
        { "sequence-document.yaml", "sequence-document.yaml:1" },
        { "unknown-anchor.yaml", "unknown-anchor.yaml:5" },
        { "too-deep.yaml", "too-deep.yaml:1" },
        { "list-bad-item.yaml", "list-bad-item.yaml:8" },
        { "broken-chart", "broken-chart/Chart.yaml" },
        { "values-outside", "values-outside/Chart.yaml: '../../outside.yaml' points outside the source root" },
        { "substitution-invalid-name.yaml", "substitution-invalid-name.yaml:1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_bad_input_is_a_clear_error_naming_the_file(string path, string named)
    {
        var e = await FailsWithin30Seconds(async () =>
        {
            var request = new RenderRequest
            {
                SourceRoot = Bad,
                Path = path,
                Directory = new DirectoryOptions { Recurse = true },
                Helm = path == "values-outside" ? new HelmOptions { ValueFiles = ["../../outside.yaml"] } : new HelmOptions(),
            };
            var result = await RenderFixture.Renderer.RenderAsync(request, CancellationToken.None);
            PostBuildSubstitution.Apply(result.Objects, new Dictionary<string, string>(), strict: false);
        });
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Bad, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corpus_has_at_least_fifteen_committed_bad_files()
    {
        var committed = Directory.EnumerateFileSystemEntries(Bad).Count(p => Path.GetFileName(p) != "accepted");
        Assert.True(committed >= 15, $"only {committed} bad inputs");
        Assert.Equal(committed, Cases().Count);
    }

    [Fact]
    public async Task Duplicate_identities_name_both_places()
    {
        var e = await FailsWithin30Seconds(() => RenderFixture.Renderer.RenderAsync(new RenderRequest { SourceRoot = Bad, Path = "duplicate-identity" }, CancellationToken.None));
        Assert.Contains("ConfigMap/apps/same", e.Message, StringComparison.Ordinal);
        Assert.Contains("duplicate-identity/a.yaml:1", e.Message, StringComparison.Ordinal);
        Assert.Contains("duplicate-identity/b.yaml:2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        using var root = new TempRoot();
        var line = "# padding padding padding padding padding padding padding padding padding padding\n";
        await File.WriteAllTextAsync(Path.Combine(root.Path, "huge.yaml"), string.Concat(Enumerable.Repeat(line, (9 * 1024 * 1024 / line.Length) + 1)));
        var e = await FailsWithin30Seconds(() => RenderFixture.Renderer.RenderAsync(new RenderRequest { SourceRoot = root.Path }, CancellationToken.None));
        Assert.Contains("huge.yaml", e.Message, StringComparison.Ordinal);
        Assert.Contains("limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symbolic_links_escaping_the_root_are_refused_for_files_folders_and_the_path_itself()
    {
        using var root = new TempRoot();
        using var outside = new TempRoot();
        await File.WriteAllTextAsync(Path.Combine(outside.Path, "secret.yaml"), "apiVersion: v1\nkind: Secret\nmetadata: {name: stolen}\n");
        Directory.CreateDirectory(Path.Combine(root.Path, "app"));
        File.CreateSymbolicLink(Path.Combine(root.Path, "app", "link.yaml"), Path.Combine(outside.Path, "secret.yaml"));
        Directory.CreateSymbolicLink(Path.Combine(root.Path, "dirlink"), outside.Path);
        Directory.CreateDirectory(Path.Combine(root.Path, "nested"));
        Directory.CreateSymbolicLink(Path.Combine(root.Path, "nested", "up"), "../../" + Path.GetFileName(outside.Path));

        var file = await FailsWithin30Seconds(() => RenderFixture.Renderer.RenderAsync(new RenderRequest { SourceRoot = root.Path, Path = "app" }, CancellationToken.None));
        Assert.Contains("app/link.yaml", file.Message, StringComparison.Ordinal);
        Assert.Contains("outside the source root", file.Message, StringComparison.Ordinal);

        var folder = await FailsWithin30Seconds(() => RenderFixture.Renderer.RenderAsync(new RenderRequest { SourceRoot = root.Path, Path = "dirlink" }, CancellationToken.None));
        Assert.Contains("dirlink", folder.Message, StringComparison.Ordinal);

        var relativeLink = await FailsWithin30Seconds(() => RenderFixture.Renderer.RenderAsync(new RenderRequest { SourceRoot = root.Path, Path = "nested", Directory = new DirectoryOptions { Recurse = true } }, CancellationToken.None));
        Assert.Contains("nested/up", relativeLink.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_escaping_the_root_inside_charts_and_kustomizations_are_refused_before_the_tool_runs()
    {
        using var root = new TempRoot();
        using var outside = new TempRoot();
        await File.WriteAllTextAsync(Path.Combine(outside.Path, "stolen.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: stolen}\n");
        var templates = Directory.CreateDirectory(Path.Combine(root.Path, "chart", "templates"));
        await File.WriteAllTextAsync(Path.Combine(root.Path, "chart", "Chart.yaml"), "apiVersion: v2\nname: chart\nversion: 0.1.0\n");
        File.CreateSymbolicLink(Path.Combine(templates.FullName, "stolen.yaml"), Path.Combine(outside.Path, "stolen.yaml"));
        var kustomization = Directory.CreateDirectory(Path.Combine(root.Path, "kust"));
        await File.WriteAllTextAsync(Path.Combine(kustomization.FullName, "kustomization.yaml"), "resources:\n  - stolen.yaml\n");
        File.CreateSymbolicLink(Path.Combine(kustomization.FullName, "stolen.yaml"), Path.Combine(outside.Path, "stolen.yaml"));

        var chart = await FailsWithin30Seconds(() => RenderFixture.Renderer.RenderAsync(new RenderRequest { SourceRoot = root.Path, Path = "chart" }, CancellationToken.None));
        Assert.Contains("chart/templates/stolen.yaml", chart.Message, StringComparison.Ordinal);
        var kust = await FailsWithin30Seconds(() => RenderFixture.Renderer.RenderAsync(new RenderRequest { SourceRoot = root.Path, Path = "kust" }, CancellationToken.None));
        Assert.Contains("kust/stolen.yaml", kust.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_inside_the_root_is_followed_for_files()
    {
        using var root = new TempRoot();
        await File.WriteAllTextAsync(Path.Combine(root.Path, "real.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: real}\n");
        Directory.CreateDirectory(Path.Combine(root.Path, "app"));
        File.CreateSymbolicLink(Path.Combine(root.Path, "app", "alias.yaml"), "../real.yaml");
        var result = await RenderFixture.Renderer.RenderAsync(new RenderRequest { SourceRoot = root.Path, Path = "app" }, CancellationToken.None);
        Assert.Equal("real", Assert.Single(result.Objects).Name);
    }

    [Theory]
    [InlineData("/etc")]
    [InlineData("../Rendering")]
    [InlineData("a/../../..")]
    [InlineData("does-not-exist")]
    public async Task Paths_outside_the_root_or_missing_are_refused(string path)
    {
        var e = await FailsWithin30Seconds(() => RenderFixture.Renderer.RenderAsync(new RenderRequest { SourceRoot = Bad, Path = path }, CancellationToken.None));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    private static async Task<ManifestException> FailsWithin30Seconds(Func<Task> action)
    {
        var attempt = Task.Run(action);
        var finished = await Task.WhenAny(attempt, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(finished == attempt, "bad input made the renderer hang");
        return await Assert.ThrowsAsync<ManifestException>(() => attempt);
    }
}
