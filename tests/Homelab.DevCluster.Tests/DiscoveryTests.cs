using System.Text.Json.Nodes;
using Homelab.DevCluster.Tests.Infrastructure;

namespace Homelab.DevCluster.Tests;

/// <summary>Discovery documents and OpenAPI, as kubectl reads them.</summary>
public sealed class DiscoveryTests(DevClusterFixture cluster) : IClassFixture<DevClusterFixture>
{
    [Fact]
    public async Task Aggregated_discovery_only_when_asked_and_labelled_with_its_content_type()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis");
        request.Headers.Accept.ParseAdd("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        using var response = await cluster.Http.SendAsync(request);
        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", response.Content.Headers.ContentType!.ToString().Replace(" ", "", StringComparison.Ordinal));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("APIGroupDiscoveryList", body["kind"]!.GetValue<string>());
        var apps = body["items"]!.AsArray().Single(i => i!["metadata"]!["name"]?.GetValue<string>() == "apps")!;
        var deployments = apps["versions"]![0]!["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "deployments")!;
        Assert.Equal("Deployment", deployments["responseKind"]!["kind"]!.GetValue<string>());
        Assert.Equal("status", deployments["subresources"]![0]!["subresource"]!.GetValue<string>());

        var (_, legacy) = await cluster.SendAsync(HttpMethod.Get, "/apis");
        Assert.Equal("APIGroupList", legacy!["kind"]!.GetValue<string>());
        var (_, core) = await cluster.SendAsync(HttpMethod.Get, "/api/v1");
        var configmaps = core!["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "configmaps")!;
        Assert.Equal("[\"cm\"]", configmaps["shortNames"]!.ToJsonString());
        Assert.True(configmaps["namespaced"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Crds_appear_in_discovery_and_openapi_at_once()
    {
        var crd = """
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"probes.disc.example.com"},
             "spec":{"group":"disc.example.com","scope":"Cluster","names":{"plural":"probes","kind":"Probe","categories":["all"]},
             "versions":[{"name":"v1alpha1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object"}}}]}}
            """;
        Assert.Equal(201, (await cluster.SendAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)).Code);
        var (code, list) = await cluster.SendAsync(HttpMethod.Get, "/apis/disc.example.com/v1alpha1");
        Assert.Equal(200, code);
        Assert.False(list!["resources"]![0]!["namespaced"]!.GetValue<bool>());

        var (_, index) = await cluster.SendAsync(HttpMethod.Get, "/openapi/v3");
        var url = index!["paths"]!["apis/disc.example.com/v1alpha1"]!["serverRelativeURL"]!.GetValue<string>();
        var (_, doc) = await cluster.SendAsync(HttpMethod.Get, url);
        var patch = doc!["paths"]!["/apis/disc.example.com/v1alpha1/probes/{name}"]!["patch"]!;
        Assert.Equal("Probe", patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>());
        Assert.Contains(patch["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fieldValidation");

        Assert.Equal(200, (await cluster.SendAsync(HttpMethod.Delete, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/probes.disc.example.com")).Code);
        Assert.Equal(404, (await cluster.SendAsync(HttpMethod.Get, "/apis/disc.example.com/v1alpha1")).Code);
    }

    [Fact]
    public async Task Version_reports_the_imitated_release()
    {
        var (_, version) = await cluster.SendAsync(HttpMethod.Get, "/version");
        Assert.Equal("1", version!["major"]!.GetValue<string>());
        Assert.Equal("35", version["minor"]!.GetValue<string>());
        Assert.StartsWith("v1.35.2", version["gitVersion"]!.GetValue<string>());
    }
}
