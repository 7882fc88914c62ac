using System.Text.Json.Nodes;
using Homelab.Api.Crds;

namespace Homelab.Api.Tests.Installation;

public sealed class CustomResourceDefinitionsTests
{
    [Theory]
    [InlineData("gitrepositories.source.toolkit.fluxcd.io", "v1", "GitRepository", "gitrepo", "fluxcd", "URL,Age,Ready,Status")]
    [InlineData("helmrepositories.source.toolkit.fluxcd.io", "v1", "HelmRepository", "helmrepo", "fluxcd", "URL,Age,Ready,Status")]
    [InlineData("kustomizations.kustomize.toolkit.fluxcd.io", "v1", "Kustomization", "ks", "fluxcd", "Age,Ready,Status")]
    [InlineData("helmreleases.helm.toolkit.fluxcd.io", "v2", "HelmRelease", "hr", "fluxcd", "Age,Ready,Status")]
    [InlineData("applications.argoproj.io", "v1alpha1", "Application", "app,apps", "argoproj", "Sync Status,Health Status,Revision,Project")]
    [InlineData("applicationsets.argoproj.io", "v1alpha1", "ApplicationSet", "appset,appsets", "argoproj", "")]
    [InlineData("appprojects.argoproj.io", "v1alpha1", "AppProject", "appproj,appprojs", "argoproj", "")]
    public void MatchesTheOriginalNames(string name, string version, string kind, string shortNames, string category, string columns)
    {
        var crd = CustomResourceDefinitions.Load(name);

        var spec = crd.Get("spec")!.AsObject();
        var names = spec["names"]!.AsObject();
        var served = Assert.Single(spec["versions"]!.AsArray())!.AsObject();
        Assert.Equal(name, $"{names["plural"]}.{spec["group"]}");
        Assert.Equal(kind, names["kind"]!.GetValue<string>());
        Assert.Equal(kind.ToLowerInvariant(), names["singular"]!.GetValue<string>());
        Assert.Equal(shortNames, string.Join(',', names["shortNames"]!.AsArray().Select(n => n!.GetValue<string>())));
        Assert.Equal(category, Assert.Single(names["categories"]!.AsArray())!.GetValue<string>());
        Assert.Equal("Namespaced", spec["scope"]!.GetValue<string>());
        Assert.Equal((version, true, true), (served["name"]!.GetValue<string>(), served["served"]!.GetValue<bool>(), served["storage"]!.GetValue<bool>()));
        Assert.NotNull(served["subresources"]!["status"]);
        Assert.Equal(columns, string.Join(',', (served["additionalPrinterColumns"] as JsonArray ?? []).Select(c => c!["name"]!.GetValue<string>())));
        var schema = served["schema"]!["openAPIV3Schema"]!;
        Assert.True(schema["properties"]!["spec"]!["x-kubernetes-preserve-unknown-fields"]!.GetValue<bool>());
        Assert.True(schema["properties"]!["status"]!["x-kubernetes-preserve-unknown-fields"]!.GetValue<bool>());
    }

    [Fact]
    public void GroupsAreFluxThenArgoAndEachCallGivesFreshObjects()
    {
        Assert.Equal(4, CustomResourceDefinitions.Flux.Count);
        Assert.Equal(3, CustomResourceDefinitions.Argo.Count);
        var first = CustomResourceDefinitions.All;
        first[0].SetLabel("changed", "yes");

        Assert.Null(CustomResourceDefinitions.All[0].GetLabel("changed"));
        Assert.Throws<ArgumentException>(() => CustomResourceDefinitions.Load("widgets.example.com"));
    }
}
