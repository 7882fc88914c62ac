using Homelab.Engine.Diff;
using Homelab.Engine.Diff.Ignore;
using Homelab.Manifests;
using Homelab.Manifests.Objects;
using static Homelab.Engine.Tests.Objects;

namespace Homelab.Engine.Tests.Diff;

public sealed class IgnoreDifferencesReaderTests
{
    [Fact]
    public void Reads_an_application_spec_and_applies_it()
    {
        var app = Yaml("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: podinfo, namespace: argocd}
            spec:
              ignoreDifferences:
              - group: apps
                kind: Deployment
                jsonPointers: [/spec/replicas]
              - kind: ConfigMap
                name: generated
                namespace: apps
                jqPathExpressions: [.data.timestamp]
                managedFieldsManagers: [kube-controller-manager]
            """);

        var rules = IgnoreDifferencesReader.Read(app.Get("spec", "ignoreDifferences"));

        Assert.Equal(2, rules.Count);
        Assert.Equal(("apps", "Deployment"), (rules[0].Group, rules[0].Kind));
        Assert.Equal(["/spec/replicas"], rules[0].JsonPointers);
        Assert.Equal(("", "generated", "apps", "kube-controller-manager"), (rules[1].Group, rules[1].Name, rules[1].Namespace, rules[1].ManagedFieldsManagers[0]));
        var differ = new ResourceDiffer(new DiffOptions { IgnoreRules = IgnoreRuleSet.Compile(rules) });
        var diff = differ.Diff(Yaml(DeploymentFixtures.Desired), KubeObject.FromJson(DeploymentFixtures.Live(replicas: 4)));
        Assert.Equal(DiffState.Equal, diff.State);
    }

    [Theory]
    [InlineData("{}", "spec.ignoreDifferences must be a list")]
    [InlineData("[{\"group\": \"apps\"}]", "spec.ignoreDifferences[0].kind is required")]
    [InlineData("[{\"kind\": \"X\", \"jsonPointers\": \"/spec\"}]", "spec.ignoreDifferences[0].jsonPointers must be a list of strings")]
    [InlineData("[{\"kind\": \"X\"}, 3]", "spec.ignoreDifferences[1] must be an object")]
    [InlineData("[{\"kind\": 5}]", "spec.ignoreDifferences[0].kind must be a string")]
    public void Malformed_entries_are_clear_errors(string json, string message)
    {
        var error = Assert.Throws<ManifestException>(() => IgnoreDifferencesReader.Read(System.Text.Json.Nodes.JsonNode.Parse(json)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Absent_list_is_empty()
    {
        Assert.Empty(IgnoreDifferencesReader.Read(null));
    }
}
