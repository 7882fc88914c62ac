using System.Text.Json.Nodes;
using Homelab.Applications.ApplicationSets;
using Homelab.Controllers;
using Homelab.Git.Webhooks;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Tests.ApplicationSets;

/// <summary>The controller end to end: dev cluster, real git daemon, the example homelab's own ApplicationSet.</summary>
public sealed class ApplicationSetControllerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly ObjectKey Stacks = new(ApplicationSetHarness.Namespace, "stacks");

    private static readonly (string, string)[] TwoStacks =
    [
        ("applications/stacks/media/deployment.yaml", "kind: Deployment\n"),
        ("applications/stacks/arr/deployment.yaml", "kind: Deployment\n"),
        ("README.md", "not a stack\n"),
    ];

    [Fact]
    public async Task The_example_stacks_ApplicationSet_creates_one_Application_per_folder()
    {
        await using var harness = await ApplicationSetHarness.StartAsync(TwoStacks);
        await harness.ApplyAsync(ApplicationSetHarness.ExampleStacksApplicationSet());

        await Eventually.TrueAsync(() => harness.ApplicationNames().SequenceEqual(["arr", "media"]), "Applications arr and media", Timeout);
        var media = harness.Applications().Single(a => a.Name == "media");
        Assert.Equal("applications/stacks/media", media.GetString("spec", "source", "path"));
        Assert.Equal("media", media.GetString("spec", "destination", "namespace"));
        Assert.Equal("media", media.GetLabel("homelab.dev/stack"));
        Assert.Equal("flux-system/storage,flux-system/ingress", media.GetAnnotation("homelab.dev/depends-on"));
        Assert.Equal("homelab", media.GetString("spec", "project"));
        Assert.Equal(5, media.Get("spec", "syncPolicy", "retry", "limit")!.GetValue<int>());
        var owner = Assert.IsType<JsonObject>(Assert.Single((JsonArray)media.Get("metadata", "ownerReferences")!));
        Assert.Equal("ApplicationSet", owner["kind"]!.GetValue<string>());
        Assert.Equal("stacks", owner["name"]!.GetValue<string>());
        Assert.True(owner["controller"]!.GetValue<bool>());
        Assert.Contains(media.Get("metadata", "managedFields")!.AsArray(), f => f?["manager"]?.GetValue<string>() == ApplicationSetWriter.FieldManager);

        await Eventually.TrueAsync(() => ApplicationSetHarness.Condition(harness.ApplicationSet("stacks"), "ResourcesUpToDate")?["status"]?.GetValue<string>() == "True", "ResourcesUpToDate", Timeout);
        var status = harness.ApplicationSet("stacks")!;
        Assert.Equal("False", ApplicationSetHarness.Condition(status, "ErrorOccurred")!["status"]!.GetValue<string>());
        Assert.Equal("True", ApplicationSetHarness.Condition(status, "ParametersGenerated")!["status"]!.GetValue<string>());
        Assert.Equal(["arr", "media"], status.Get("status", "resources")!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Adding_and_removing_a_folder_adds_and_removes_an_Application_and_an_idle_refresh_writes_nothing()
    {
        await using var harness = await ApplicationSetHarness.StartAsync(TwoStacks);
        await harness.ApplyAsync(ApplicationSetHarness.ExampleStacksApplicationSet());
        await Eventually.TrueAsync(() => harness.ApplicationNames().Count == 2, "two Applications", Timeout);

        // A push webhook for the repository wakes the ApplicationSet, as GitHub's would.
        ApplicationSetHarnessCommit(harness, "paperless", ("applications/stacks/paperless/app.yaml", "kind: Deployment\n"));
        await harness.Pushes.PublishAsync(new PushEvent([ApplicationSetHarness.ExampleRepository], "refs/heads/main"), CancellationToken.None);
        await Eventually.TrueAsync(() => harness.ApplicationNames().SequenceEqual(["arr", "media", "paperless"]), "paperless added", Timeout);

        Directory.Delete(Path.Combine(harness.Repository.WorkPath, "applications/stacks/arr"), recursive: true);
        ApplicationSetHarnessCommit(harness, "remove arr");
        harness.Refresher.Request(Stacks);
        await Eventually.TrueAsync(() => harness.ApplicationNames().SequenceEqual(["media", "paperless"]), "arr removed", Timeout);
        await Eventually.TrueAsync(() => harness.ApplicationSet("stacks")?.Get("status", "resources")?.AsArray().Count == 2, "status lists two", Timeout);

        // Nothing changed in Git: generating again costs no Application write.
        var writes = harness.ApplicationWrites;
        var before = harness.ApplicationSet("stacks")!.GetString("metadata", "resourceVersion");
        harness.Refresher.Request(Stacks);
        harness.Refresher.Request(Stacks);
        await harness.ApplyAsync(Annotated(harness.ApplicationSet("stacks")!));
        await Eventually.TrueAsync(() => harness.ApplicationSet("stacks")?.GetAnnotation("test/poke") == "1", "annotation seen", Timeout);
        // The annotation change is reconciled like any event; the Applications stay untouched.
        await Eventually.TrueAsync(() => harness.ApplicationNames().Count == 2, "still two", Timeout);
        Assert.Equal(writes, harness.ApplicationWrites);
        Assert.NotNull(before);
    }

    [Fact]
    public async Task A_template_error_is_a_condition_and_no_Application_is_created_or_deleted()
    {
        await using var harness = await ApplicationSetHarness.StartAsync(TwoStacks);
        var applicationSet = ApplicationSetHarness.ExampleStacksApplicationSet();
        await harness.ApplyAsync(applicationSet);
        await Eventually.TrueAsync(() => harness.ApplicationNames().Count == 2, "two Applications", Timeout);

        var broken = applicationSet.DeepClone();
        broken.Body["spec"]!["template"]!["spec"]!["destination"]!["namespace"] = "{{.path.basenam}}";
        ApplicationSetHarnessCommit(harness, "third", ("applications/stacks/home/app.yaml", "kind: Deployment\n"));
        Directory.Delete(Path.Combine(harness.Repository.WorkPath, "applications/stacks/arr"), recursive: true);
        ApplicationSetHarnessCommit(harness, "remove arr");
        var writes = harness.ApplicationWrites;
        await harness.ApplyAsync(broken);

        await Eventually.TrueAsync(() => ApplicationSetHarness.Condition(harness.ApplicationSet("stacks"), "ErrorOccurred")?["status"]?.GetValue<string>() == "True", "ErrorOccurred", Timeout);
        var error = ApplicationSetHarness.Condition(harness.ApplicationSet("stacks"), "ErrorOccurred")!;
        Assert.Equal(ApplicationSetReasons.RenderTemplateParamsError, error["reason"]!.GetValue<string>());
        Assert.Contains("map has no entry for key \"basenam\"", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("spec.template.spec.destination.namespace", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("False", ApplicationSetHarness.Condition(harness.ApplicationSet("stacks"), "ResourcesUpToDate")!["status"]!.GetValue<string>());
        Assert.Equal(["arr", "media"], harness.ApplicationNames());
        Assert.Equal(writes, harness.ApplicationWrites);
    }

    [Fact]
    public async Task An_unsupported_generator_is_reported_and_changes_nothing()
    {
        await using var harness = await ApplicationSetHarness.StartAsync(TwoStacks);
        var matrix = KubeObject.FromJson("""
            {"apiVersion": "argoproj.io/v1alpha1", "kind": "ApplicationSet", "metadata": {"name": "matrix", "namespace": "argocd"},
             "spec": {"goTemplate": true, "generators": [{"list": {"elements": [{"name": "one"}]}}, {"matrix": {"generators": []}}],
                      "template": {"metadata": {"name": "{{.name}}"}, "spec": {"project": "default", "destination": {"namespace": "x"}}}}}
            """);
        await harness.ApplyAsync(matrix);

        await Eventually.TrueAsync(() => ApplicationSetHarness.Condition(harness.ApplicationSet("matrix"), "ErrorOccurred")?["status"]?.GetValue<string>() == "True", "ErrorOccurred", Timeout);
        var error = ApplicationSetHarness.Condition(harness.ApplicationSet("matrix"), "ErrorOccurred")!;
        Assert.Equal(ApplicationSetReasons.ParamsGenerationError, error["reason"]!.GetValue<string>());
        Assert.Contains("matrix", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("False", ApplicationSetHarness.Condition(harness.ApplicationSet("matrix"), "ParametersGenerated")!["status"]!.GetValue<string>());
        Assert.Empty(harness.Applications());
    }

    [Fact]
    public async Task A_list_generator_in_flat_mode_with_create_only_policy_never_updates()
    {
        await using var harness = await ApplicationSetHarness.StartAsync(TwoStacks);
        var list = KubeObject.FromJson("""
            {"apiVersion": "argoproj.io/v1alpha1", "kind": "ApplicationSet", "metadata": {"name": "wordpress", "namespace": "argocd"},
             "spec": {"generators": [{"list": {"elements": [{"env": "dev"}, {"env": "prod"}]}}],
                      "syncPolicy": {"applicationsSync": "create-only"},
                      "template": {"metadata": {"name": "wordpress-{{env}}"},
                                   "spec": {"project": "default", "source": {"repoURL": "https://example.test/wp", "path": "environments/{{env}}"},
                                            "destination": {"server": "https://kubernetes.default.svc", "namespace": "{{env}}"}}}}}
            """);
        await harness.ApplyAsync(list);
        await Eventually.TrueAsync(() => harness.ApplicationNames().SequenceEqual(["wordpress-dev", "wordpress-prod"]), "two Applications", Timeout);
        Assert.Equal("environments/prod", harness.Applications().Single(a => a.Name == "wordpress-prod").GetString("spec", "source", "path"));
        await Eventually.TrueAsync(() => harness.ApplicationSet("wordpress")?.Get("status", "conditions") is not null, "status", Timeout);
        Assert.Null(ApplicationSetHarness.Condition(harness.ApplicationSet("wordpress"), "UnsupportedFields"));

        var changed = list.DeepClone();
        changed.Body["spec"]!["template"]!["spec"]!["source"]!["path"] = "env/{{env}}";
        changed.Body["spec"]!["generators"]![0]!["list"]!["elements"] = JsonNode.Parse("""[{"env": "dev"}]""");
        var writes = harness.ApplicationWrites;
        await harness.ApplyAsync(changed);
        await Eventually.TrueAsync(() => harness.ApplicationSet("wordpress")?.Get("metadata", "generation")?.GetValue<long>() == 2
            && ApplicationSetHarness.Condition(harness.ApplicationSet("wordpress"), "ResourcesUpToDate") is not null
            && harness.ApplicationSet("wordpress")!.Get("status", "resources")!.AsArray().Count == 1, "second generation reconciled", Timeout);
        Assert.Equal(writes, harness.ApplicationWrites);
        Assert.Equal(["wordpress-dev", "wordpress-prod"], harness.ApplicationNames());
        Assert.Equal("environments/dev", harness.Applications().Single(a => a.Name == "wordpress-dev").GetString("spec", "source", "path"));
    }

    private static void ApplicationSetHarnessCommit(ApplicationSetHarness harness, string message, params (string Path, string Content)[] files)
    {
        harness.Repository.Commit(message, files);
        harness.Repository.Push();
    }

    private static KubeObject Annotated(KubeObject applicationSet)
    {
        var copy = KubeObject.FromJson(applicationSet.ToJson());
        copy.Body.Remove("status");
        copy.Metadata!.Remove("managedFields");
        copy.Metadata.Remove("resourceVersion");
        copy.SetAnnotation("test/poke", "1");
        return copy;
    }
}
