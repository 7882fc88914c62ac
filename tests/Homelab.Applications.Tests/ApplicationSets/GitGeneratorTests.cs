using System.Text.Json.Nodes;
using Homelab.Api.Argo;
using Homelab.Applications.ApplicationSets.Generators;
using Homelab.Applications.ApplicationSets.Templates;
using Homelab.Applications.Tests.Fixtures;
using Homelab.Git.Fetching;
using Homelab.Git.Mapping;
using Homelab.Git.Snapshots;

namespace Homelab.Applications.Tests.ApplicationSets;

/// <summary>The Git generators against a real repository served by git daemon on loopback, through the URL mapping.</summary>
public sealed class GitGeneratorTests : IAsyncLifetime
{
    private const string CanonicalUrl = "https://github.com/homelab-dev/homelab";

    private readonly TempDirectory _temp = new();
    private GitDaemonServer? _daemon;
    private TestRepository _repository = null!;
    private GitSourceClient _client = null!;
    private GitParameterGenerator _generator = null!;

    public async Task InitializeAsync()
    {
        _repository = new TestRepository(_temp.Path, "homelab");
        _repository.Commit("stacks",
            ("applications/stacks/media/deployment.yaml", "kind: Deployment\n"),
            ("applications/stacks/arr/deployment.yaml", "kind: Deployment\n"),
            ("applications/stacks/home/deployment.yaml", "kind: Deployment\n"),
            ("applications/stacks/home/nested/extra.yaml", "kind: ConfigMap\n"),
            ("applications/stacks/.hidden/x.yaml", "kind: ConfigMap\n"),
            ("applications/stacks/experimental/x.yaml", "kind: ConfigMap\n"),
            ("clusters/dev/config.json", """{"cluster": {"name": "dev", "address": "https://dev.example"}, "replicas": 1}"""),
            ("clusters/prod/config.yaml", "cluster:\n  name: prod\n  address: https://prod.example\nreplicas: 3\n"),
            ("clusters/many/config.yaml", "- cluster: {name: a}\n- cluster: {name: b}\n"),
            ("clusters/broken/config.yaml", "key: [unclosed\n"));
        _repository.Push();
        _daemon = await GitDaemonServer.StartAsync(_temp.Path);
        var options = new GitSourceOptions
        {
            CacheDirectory = _temp.Sub("cache"),
            MaxAttempts = 1,
            UrlMappings = [new UrlMapping { From = CanonicalUrl, To = _daemon.UrlFor(_repository.Name) }],
        };
        _client = new GitSourceClient(options, TimeProvider.System);
        _generator = new GitParameterGenerator(_client, new SnapshotStore(new SnapshotOptions { Directory = _temp.Sub("snapshots") }, TimeProvider.System));
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        _daemon?.Dispose();
        _temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Directories_match_one_level_skip_hidden_ones_and_exclude_wins()
    {
        var git = Directories(new GitDirectoryPattern("applications/stacks/*", false), new GitDirectoryPattern("applications/stacks/experimental", true));
        var generation = await _generator.GenerateAsync(git, goTemplate: true, GoTemplateOptions.Default, CancellationToken.None);

        Assert.Equal(new object?[] { "arr", "home", "media" }, generation.Parameters.Select(p => Path(p)["basename"]));
        var media = Path(generation.Parameters[2]);
        Assert.Equal("applications/stacks/media", media["path"]);
        Assert.Equal("media", media["basenameNormalized"]);
        Assert.Equal(new List<object?> { "applications", "stacks", "media" }, media["segments"]);
        Assert.Equal(_repository.Head(), generation.Revision.Sha);
        Assert.Equal("main", generation.Revision.RefName);
    }

    [Fact]
    public async Task An_exclude_listed_first_still_wins()
    {
        var git = Directories(new GitDirectoryPattern("applications/stacks/media", true), new GitDirectoryPattern("applications/stacks/*", false));
        var generation = await _generator.GenerateAsync(git, goTemplate: true, GoTemplateOptions.Default, CancellationToken.None);
        Assert.DoesNotContain("media", generation.Parameters.Select(p => Path(p)["basename"]));
        Assert.Equal(3, generation.Parameters.Count);
    }

    [Fact]
    public async Task Flat_mode_gives_dotted_and_indexed_path_parameters_and_rendered_values()
    {
        var git = Directories(new GitDirectoryPattern("applications/stacks/media", false)) with
        {
            Values = new Dictionary<string, string> { ["namespace"] = "ns-{{path.basename}}" },
        };
        var generation = await _generator.GenerateAsync(git, goTemplate: false, GoTemplateOptions.Default, CancellationToken.None);

        var parameters = Assert.Single(generation.Parameters);
        Assert.Equal("applications/stacks/media", parameters["path"]);
        Assert.Equal("media", parameters["path.basename"]);
        Assert.Equal("stacks", parameters["path[1]"]);
        Assert.Equal("ns-media", parameters["values.namespace"]);
    }

    [Fact]
    public async Task Files_give_their_content_and_path_as_parameters()
    {
        var git = Files("clusters/dev/config.json", "clusters/prod/*.yaml");
        var generation = await _generator.GenerateAsync(git, goTemplate: true, GoTemplateOptions.Default, CancellationToken.None);

        Assert.Equal(2, generation.Parameters.Count);
        var renderer = new ApplicationTemplateRenderer(goTemplate: true, new GoTemplateOptions(MissingKeyIsError: true));
        var template = JsonNode.Parse("""{"metadata": {"name": "{{.cluster.name}}-{{.path.basename}}"}, "spec": {"server": "{{.cluster.address}}", "file": "{{.path.filename}}", "n": "{{.replicas}}"}}""")!.AsObject();
        var dev = renderer.Render(template, generation.Parameters[0]);
        var prod = renderer.Render(template, generation.Parameters[1]);
        Assert.Equal("dev-dev", dev["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("https://dev.example", dev["spec"]!["server"]!.GetValue<string>());
        Assert.Equal("config.json", dev["spec"]!["file"]!.GetValue<string>());
        Assert.Equal("prod-prod", prod["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("3", prod["spec"]!["n"]!.GetValue<string>());
    }

    [Fact]
    public async Task Files_in_flat_mode_flatten_nested_keys_and_a_list_file_gives_one_set_per_item()
    {
        var flat = await _generator.GenerateAsync(Files("clusters/prod/config.yaml"), goTemplate: false, GoTemplateOptions.Default, CancellationToken.None);
        var prod = Assert.Single(flat.Parameters);
        Assert.Equal("prod", prod["cluster.name"]);
        Assert.Equal("3", prod["replicas"]);
        Assert.Equal("config.yaml", prod["path.filename"]);
        Assert.Equal("clusters/prod", prod["path"]);

        var many = await _generator.GenerateAsync(Files("clusters/many/**"), goTemplate: true, GoTemplateOptions.Default, CancellationToken.None);
        Assert.Equal(2, many.Parameters.Count);
    }

    [Fact]
    public async Task A_file_that_does_not_parse_fails_the_generator_naming_it()
    {
        var error = await Assert.ThrowsAsync<GeneratorException>(() => _generator.GenerateAsync(Files("clusters/**/config.yaml"), true, GoTemplateOptions.Default, CancellationToken.None));
        Assert.Contains("clusters/broken/config.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_revision_fails_the_generator_naming_the_repository()
    {
        var git = Directories(new GitDirectoryPattern("applications/stacks/*", false)) with { Revision = "no-such-branch" };
        var error = await Assert.ThrowsAsync<GeneratorException>(() => _generator.GenerateAsync(git, true, GoTemplateOptions.Default, CancellationToken.None));
        Assert.Contains(CanonicalUrl, error.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-branch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_commit_is_picked_up_on_the_next_generation()
    {
        var git = Directories(new GitDirectoryPattern("applications/stacks/*", false));
        var before = await _generator.GenerateAsync(git, true, GoTemplateOptions.Default, CancellationToken.None);
        _repository.Commit("paperless", ("applications/stacks/paperless/app.yaml", "kind: Deployment\n"));
        _repository.Push();

        var after = await _generator.GenerateAsync(git, true, GoTemplateOptions.Default, CancellationToken.None);
        Assert.NotEqual(before.Revision.Sha, after.Revision.Sha);
        Assert.Contains("paperless", after.Parameters.Select(p => Path(p)["basename"]));
        Assert.DoesNotContain("paperless", before.Parameters.Select(p => Path(p)["basename"]));
    }

    [Theory]
    [InlineData("applications/stacks/*", "applications/stacks/media", true)]
    [InlineData("applications/stacks/*", "applications/stacks/media/nested", false)]
    [InlineData("applications/*/media", "applications/stacks/media", true)]
    [InlineData("applications/stacks/[am]*", "applications/stacks/arr", true)]
    [InlineData("applications/stacks/[^am]*", "applications/stacks/home", true)]
    [InlineData("applications/stacks/[^am]*", "applications/stacks/media", false)]
    public void Directory_patterns_follow_go_path_match(string pattern, string path, bool matches) =>
        Assert.Equal(matches, PathGlob.ForDirectories(pattern).IsMatch(path));

    [Theory]
    [InlineData("**/config.json", "config.json", true)]
    [InlineData("**/config.json", "a/b/config.json", true)]
    [InlineData("clusters/*/config.{json,yaml}", "clusters/dev/config.yaml", true)]
    [InlineData("clusters/*/config.json", "clusters/a/b/config.json", false)]
    public void File_patterns_understand_double_star_and_alternatives(string pattern, string path, bool matches) =>
        Assert.Equal(matches, PathGlob.ForFiles(pattern).IsMatch(path));

    [Fact]
    public void The_list_generator_keeps_types_in_go_mode_and_requires_strings_in_flat_mode()
    {
        var list = new ListGenerator([JsonNode.Parse("""{"env": "dev", "replicas": 2}""")!.AsObject()]);
        Assert.Equal(2L, Assert.Single(ListParameters.Generate(list, goTemplate: true))["replicas"]);
        var error = Assert.Throws<GeneratorException>(() => ListParameters.Generate(list, goTemplate: false));
        Assert.Contains("'replicas' must be a string", error.Message, StringComparison.Ordinal);

        var flat = new ListGenerator([JsonNode.Parse("""{"env": "dev", "values": {"tier": "web"}}""")!.AsObject()]);
        var parameters = Assert.Single(ListParameters.Generate(flat, goTemplate: false));
        Assert.Equal("dev", parameters["env"]);
        Assert.Equal("web", parameters["values.tier"]);
    }

    private static Dictionary<string, object?> Path(Dictionary<string, object?> parameters) =>
        (Dictionary<string, object?>)parameters["path"]!;

    private static GitGenerator Directories(params GitDirectoryPattern[] patterns) =>
        new(CanonicalUrl, "main", patterns, [], null, new Dictionary<string, string>());

    private static GitGenerator Files(params string[] patterns) =>
        new(CanonicalUrl, "main", [], patterns, null, new Dictionary<string, string>());
}
