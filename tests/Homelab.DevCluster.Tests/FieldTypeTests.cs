using System.Net;
using System.Text;
using Homelab.DevCluster.Tests.Infrastructure;

namespace Homelab.DevCluster.Tests;

/// <summary>
/// Built-in kinds decode into typed fields as on a real API server: the YAML traps a render can carry
/// are refused, while the shapes Kubernetes accepts (int-or-string ports, numeric or string quantities) pass.
/// </summary>
public sealed class FieldTypeTests(DevClusterFixture cluster) : IClassFixture<DevClusterFixture>
{
    private const string Deployments = "/apis/apps/v1/namespaces/default/deployments";

    [Theory]
    [InlineData("ft-named-port", "\"http\"", "\"500m\"")]
    [InlineData("ft-numeric-port", "8080", "1")]
    public async Task Int_or_string_ports_and_quantities_accept_both_forms(string name, string port, string cpu)
    {
        var container = """
            {"name":"c","image":"nginx:1.27","ports":[{"containerPort":8080,"name":"http"}],
             "readinessProbe":{"httpGet":{"port":PORT,"path":"/"}},"resources":{"limits":{"cpu":CPU}}}
            """.Replace("PORT", port, StringComparison.Ordinal).Replace("CPU", cpu, StringComparison.Ordinal);
        var body = Deployment(name, container);

        using var response = await PostAsync(Deployments, body, dryRun: true);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_fractional_replica_count_is_refused_and_nothing_is_stored()
    {
        var body = Deployment("ft-fraction", """{"name":"c","image":"nginx:1.27"}""").Replace("\"spec\":{", "\"spec\":{\"replicas\":1.5,", StringComparison.Ordinal);

        using var response = await PostAsync(Deployments, body, dryRun: false);
        using var lookup = await cluster.Http.GetAsync($"{Deployments}/ft-fraction");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cannot unmarshal number into Go struct field .spec.replicas of type int32", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task Custom_resources_are_not_held_to_built_in_types()
    {
        // A custom resource's "replicas" belongs to its own schema, not to apps/v1.
        using var crd = await PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", """
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.ft.example.com"},
             "spec":{"group":"ft.example.com","scope":"Namespaced","names":{"plural":"widgets","kind":"Widget"},
             "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
            """, dryRun: false);
        Assert.Equal(HttpStatusCode.Created, crd.StatusCode);

        using var widget = await PostAsync("/apis/ft.example.com/v1/namespaces/default/widgets",
            """{"apiVersion":"ft.example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"replicas":"two"}}""", dryRun: true);

        Assert.Equal(HttpStatusCode.Created, widget.StatusCode);
    }

    private static string Deployment(string name, string container) => """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME"},
         "spec":{"selector":{"matchLabels":{"app":"a"}},"template":{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[CONTAINER]}}}}
        """.Replace("NAME", name, StringComparison.Ordinal).Replace("CONTAINER", container, StringComparison.Ordinal);

    private Task<HttpResponseMessage> PostAsync(string path, string body, bool dryRun) =>
        cluster.Http.PostAsync(dryRun ? $"{path}?dryRun=All" : path, new StringContent(body, Encoding.UTF8, "application/json"));
}
