using System.Text.Json.Nodes;
using Homelab.Applications.ApplicationSets.Templates;

namespace Homelab.Applications.Tests.ApplicationSets;

public sealed class GoTemplateTests
{
    private static readonly GoTemplateOptions MissingKeyError = new(MissingKeyIsError: true);

    // The parameters of Argo's git directories generator for applications/stacks/media.
    private static readonly Dictionary<string, object?> Directory = new(StringComparer.Ordinal)
    {
        ["path"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["path"] = "applications/stacks/media",
            ["basename"] = "media",
            ["basenameNormalized"] = "media",
            ["segments"] = new List<object?> { "applications", "stacks", "media" },
        },
        ["env"] = "prod",
        ["replicas"] = 3L,
        ["ratio"] = 1.5,
        ["enabled"] = true,
        ["name"] = "My_App",
    };

    [Theory]
    [InlineData("{{.path.basename}}", "media")]
    [InlineData("{{ .path.basename }}", "media")]
    [InlineData("{{.path.path}}", "applications/stacks/media")]
    [InlineData("app-{{.path.basename}}-{{.env}}", "app-media-prod")]
    [InlineData("{{index .path.segments 1}}", "stacks")]
    [InlineData("{{ index .path.segments 0 | upper }}", "APPLICATIONS")]
    [InlineData("{{ .name | lower }}", "my_app")]
    [InlineData("{{ .name | normalize }}", "my-app")]
    [InlineData("{{ .path.basename | upper | quote }}", "\"MEDIA\"")]
    [InlineData("{{ default \"fallback\" .env }}", "prod")]
    [InlineData("{{ index . \"nothere\" | default \"fallback\" }}", "fallback")]
    [InlineData("{{ printf \"%s-%d\" .env .replicas }}", "prod-3")]
    [InlineData("{{ .replicas }}/{{ .ratio }}/{{ .enabled }}", "3/1.5/true")]
    [InlineData("{{ .path.segments }}", "[applications stacks media]")]
    [InlineData("{{ len .path.segments }}", "3")]
    [InlineData("{{ (index .path.segments 2) }}", "media")]
    [InlineData("{{if eq .env \"prod\"}}production{{else}}other{{end}}", "production")]
    [InlineData("{{if eq .env \"dev\"}}d{{else if eq .env \"prod\"}}p{{else}}o{{end}}", "p")]
    [InlineData("{{if and .enabled (gt .replicas 2)}}big{{end}}", "big")]
    [InlineData("{{range $i, $s := .path.segments}}{{$i}}={{$s}};{{end}}", "0=applications;1=stacks;2=media;")]
    [InlineData("{{range .path.segments}}[{{.}}]{{end}}", "[applications][stacks][media]")]
    [InlineData("{{with .path}}{{.basename}}{{end}}", "media")]
    [InlineData("{{ $b := .path.basename }}x-{{ $b }}", "x-media")]
    [InlineData("{{ $.env }}", "prod")]
    [InlineData("a  {{- .env -}}  b", "aprodb")]
    [InlineData("{{/* a comment */}}ok", "ok")]
    [InlineData("{{ \"Hello World!\" | slugify }}", "hello-world")]
    [InlineData("{{ trimPrefix \"applications/\" .path.path }}", "stacks/media")]
    [InlineData("{{ replace \"/\" \"-\" .path.path }}", "applications-stacks-media")]
    [InlineData("no actions", "no actions")]
    public void Renders_go_template_expressions(string template, string expected) =>
        Assert.Equal(expected, GoTemplate.Render(template, Directory, MissingKeyError));

    [Fact]
    public void A_missing_key_renders_no_value_by_default_like_go()
    {
        Assert.Equal("<no value>", GoTemplate.Render("{{.path.basenam}}", Directory, GoTemplateOptions.Default));
        Assert.Equal("<no value>", GoTemplate.Render("{{.nothing.deeper}}", Directory, GoTemplateOptions.Default));
    }

    [Fact]
    public void A_missing_key_with_missingkey_error_fails_naming_the_key()
    {
        var error = Assert.Throws<TemplateException>(() => GoTemplate.Render("{{.path.basenam}}", Directory, MissingKeyError));
        Assert.Contains("map has no entry for key \"basenam\"", error.Message, StringComparison.Ordinal);
        Assert.Contains(".path.basenam", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_of_a_missing_map_key_is_no_value_even_with_missingkey_error_as_in_go() =>
        Assert.Equal("<no value>", GoTemplate.Render("{{ index .path \"nope\" }}", Directory, MissingKeyError));

    [Theory]
    [InlineData("{{index .path.segments 7}}", "index out of range: 7")]
    [InlineData("{{ nope .env }}", "function \"nope\" not defined")]
    [InlineData("{{ .env", "unclosed action")]
    [InlineData("{{if .env}}x", "has no {{end}}")]
    [InlineData("{{end}}", "unexpected {{end}}")]
    [InlineData("{{ .env.more }}", "can't evaluate field more in type string")]
    [InlineData("{{ .replicas | upper }}", "expected string; got int64")]
    [InlineData("{{ .env .env }}", "can't give argument to non-function")]
    [InlineData("{{ template \"x\" }}", "not supported")]
    public void Bad_templates_fail_with_a_clear_message(string template, string message)
    {
        var error = Assert.Throws<TemplateException>(() => GoTemplate.Render(template, Directory, MissingKeyError));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_parse_missingkey_and_refuse_unknown_ones()
    {
        Assert.True(GoTemplateOptions.Parse(["missingkey=error"]).MissingKeyIsError);
        Assert.False(GoTemplateOptions.Parse([]).MissingKeyIsError);
        Assert.False(GoTemplateOptions.Parse(["missingkey=zero"]).MissingKeyIsError);
        var error = Assert.Throws<TemplateException>(() => GoTemplateOptions.Parse(["missingkey=explode"]));
        Assert.Contains("missingkey=explode", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{path.basename}}", "media")]
    [InlineData("{{ path.basename }}-{{path[1]}}", "media-stacks")]
    [InlineData("wordpress-{{env}}", "wordpress-prod")]
    [InlineData("{{unknown}} stays", "{{unknown}} stays")]
    [InlineData("{{}} stays", "{{}} stays")]
    public void Flat_mode_substitutes_known_parameters_and_leaves_the_rest(string template, string expected)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["path"] = "applications/stacks/media",
            ["path.basename"] = "media",
            ["path[1]"] = "stacks",
            ["env"] = "prod",
        };
        Assert.Equal(expected, FlatTemplate.Render(template, parameters));
    }

    [Fact]
    public void The_renderer_templates_every_string_and_keeps_other_values()
    {
        var template = JsonNode.Parse("""
            {"metadata": {"name": "{{.path.basename}}", "labels": {"stack": "{{.path.basename}}"}},
             "spec": {"source": {"path": "{{.path.path}}"}, "syncPolicy": {"retry": {"limit": 5}, "automated": {"prune": true}},
                      "syncOptions": ["CreateNamespace=true", "ns={{.path.basename}}"]}}
            """)!.AsObject();
        var rendered = new ApplicationTemplateRenderer(goTemplate: true, MissingKeyError).Render(template, Directory);
        Assert.Equal("media", rendered["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("media", rendered["metadata"]!["labels"]!["stack"]!.GetValue<string>());
        Assert.Equal("applications/stacks/media", rendered["spec"]!["source"]!["path"]!.GetValue<string>());
        Assert.Equal(5, rendered["spec"]!["syncPolicy"]!["retry"]!["limit"]!.GetValue<int>());
        Assert.True(rendered["spec"]!["syncPolicy"]!["automated"]!["prune"]!.GetValue<bool>());
        Assert.Equal("ns=media", rendered["spec"]!["syncOptions"]![1]!.GetValue<string>());
        Assert.Equal("{{.path.basename}}", template["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void A_render_error_names_the_field()
    {
        var template = JsonNode.Parse("""{"metadata": {"name": "ok"}, "spec": {"destination": {"namespace": "{{.path.nope}}"}}}""")!.AsObject();
        var error = Assert.Throws<TemplateException>(() => new ApplicationTemplateRenderer(true, MissingKeyError).Render(template, Directory));
        Assert.StartsWith("spec.template.spec.destination.namespace: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"nope\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hello_World.", "hello-world")]
    [InlineData("-My.App-", "my.app")]
    [InlineData("simple", "simple")]
    public void Normalize_makes_dns_friendly_names(string input, string expected) =>
        Assert.Equal(expected, NameNormalizer.Normalize(input));

    [Fact]
    public void Slugify_drops_accents_and_truncates_at_word_boundaries()
    {
        Assert.Equal("ca-va-tres-bien", NameNormalizer.Slugify("Ça va, très bien!"));
        Assert.Equal("alpha-beta", NameNormalizer.Slugify("alpha beta gamma", maxSize: 12));
        Assert.Equal("alpha-beta-g", NameNormalizer.Slugify("alpha beta gamma", maxSize: 12, smartTruncate: false));
    }
}
