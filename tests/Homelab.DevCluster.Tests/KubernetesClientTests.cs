using System.Net;
using System.Text.Json.Nodes;
using Homelab.DevCluster.Tests.Infrastructure;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Homelab.DevCluster.Tests;

/// <summary>KubernetesClient 21 (typed, generic and custom-object APIs) against the dev cluster.</summary>
public sealed class KubernetesClientTests(DevClusterFixture cluster) : IClassFixture<DevClusterFixture>
{
    private Kubernetes Client => cluster.Client;

    [Fact]
    public async Task Typed_crud_with_optimistic_concurrency()
    {
        await EnsureNamespaceAsync("client-crud");
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c1", Labels = new Dictionary<string, string> { ["tier"] = "a" } }, Data = new Dictionary<string, string> { ["k"] = "v" } },
            "client-crud");
        Assert.NotNull(created.Metadata.Uid);
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Contains(created.Metadata.ManagedFields, m => m.Manager == "kubernetes-csharp" && m.Operation == "Update");

        var read = await Client.CoreV1.ReadNamespacedConfigMapAsync("c1", "client-crud");
        read.Data["k"] = "v2";
        var updated = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(read, "c1", "client-crud");
        Assert.NotEqual(read.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);

        read.Data["k"] = "stale";
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(read, "c1", "client-crud"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        Assert.Contains("the object has been modified", conflict.Response.Content);

        var duplicate = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c1" } }, "client-crud"));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Response.StatusCode);
        Assert.Equal("AlreadyExists", JsonNode.Parse(duplicate.Response.Content)!["reason"]!.GetValue<string>());

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("c1", "client-crud");
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedConfigMapAsync("c1", "client-crud"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.Equal("configmaps \"c1\" not found", JsonNode.Parse(missing.Response.Content)!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_with_label_and_field_selectors()
    {
        await EnsureNamespaceAsync("client-list");
        foreach (var (name, tier) in new[] { ("a", "web"), ("b", "db"), ("c", "web"), ("d", "") })
        {
            var labels = tier.Length == 0 ? null : new Dictionary<string, string> { ["tier"] = tier };
            await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = labels } }, "client-list");
        }

        async Task<string> Names(string? labels = null, string? fields = null) =>
            string.Join(",", (await Client.CoreV1.ListNamespacedConfigMapAsync("client-list", labelSelector: labels, fieldSelector: fields)).Items.Select(i => i.Metadata.Name));

        Assert.Equal("a,c", await Names("tier=web"));
        Assert.Equal("b,d", await Names("tier!=web"));
        Assert.Equal("a,b,c", await Names("tier in (web,db)"));
        Assert.Equal("b,d", await Names("tier notin (web)"));
        Assert.Equal("a,b,c", await Names("tier"));
        Assert.Equal("d", await Names("!tier"));
        Assert.Equal("b", await Names(fields: "metadata.name=b"));
        Assert.Equal("a,c", await Names("tier=web", "metadata.namespace=client-list"));

        var paged = await Client.CoreV1.ListNamespacedConfigMapAsync("client-list", limit: 3);
        Assert.Equal(3, paged.Items.Count);
        Assert.False(string.IsNullOrEmpty(paged.Metadata.ContinueProperty));
        var rest = await Client.CoreV1.ListNamespacedConfigMapAsync("client-list", limit: 3, continueParameter: paged.Metadata.ContinueProperty);
        Assert.Single(rest.Items);
    }

    [Fact]
    public async Task Watch_streams_added_modified_and_deleted()
    {
        await EnsureNamespaceAsync("client-watch");
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("client-watch");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<(WatchEventType, string)>();
        var watching = Task.Run(async () =>
        {
            var stream = Client.CoreV1.WatchListNamespacedConfigMapAsync("client-watch", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cancel.Token);
            await foreach (var (type, item) in stream)
            {
                events.Add((type, item.Metadata.Name));
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });

        await DevClusterFixture.WaitUntilAsync(() => Task.FromResult(cluster.Server.Requests.Count("watch", "configmaps") > 0), "the watch to start");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "w" } }, "client-watch");
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"x\":\"1\"}}", V1Patch.PatchType.MergePatch), "w", "client-watch");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("w", "client-watch");
        await watching.WaitAsync(cancel.Token);
        Assert.Equal([(WatchEventType.Added, "w"), (WatchEventType.Modified, "w"), (WatchEventType.Deleted, "w")], events);
    }

    [Fact]
    public async Task Server_side_apply_conflict_then_force()
    {
        await EnsureNamespaceAsync("client-ssa");
        var deployment = Deployment("client-ssa", "app", "nginx:1", replicas: 1);
        var created = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(deployment, V1Patch.PatchType.ApplyPatch), "app", "client-ssa", fieldManager: "owner");
        Assert.Equal(1, created.Metadata.Generation);

        var other = Deployment("client-ssa", "app", "nginx:2", replicas: 1);
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(other, V1Patch.PatchType.ApplyPatch), "app", "client-ssa", fieldManager: "intruder"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        var status = JsonNode.Parse(conflict.Response.Content)!;
        Assert.Equal("Apply failed with 1 conflict: conflict with \"owner\": .spec.template.spec.containers[name=\"main\"].image", status["message"]!.GetValue<string>());
        Assert.Equal("FieldManagerConflict", status["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal(".spec.template.spec.containers[name=\"main\"].image", status["details"]!["causes"]![0]!["field"]!.GetValue<string>());

        var forced = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(other, V1Patch.PatchType.ApplyPatch), "app", "client-ssa", fieldManager: "intruder", force: true);
        Assert.Equal("nginx:2", forced.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal(2, forced.Metadata.Generation);
    }

    [Fact]
    public async Task Generic_and_custom_object_clients_work_for_custom_resources()
    {
        await EnsureNamespaceAsync("client-generic");
        var crd = new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = "gadgets.example.org" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = "example.org",
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Plural = "gadgets", Kind = "Gadget" },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = "v1",
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } },
                    },
                ],
            },
        };
        var stored = await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        Assert.Equal("gadget", stored.Spec.Names.Singular);
        Assert.Contains(stored.Status.Conditions, c => c.Type == "Established" && c.Status == "True");

        var body = new JsonObject { ["apiVersion"] = "example.org/v1", ["kind"] = "Gadget", ["metadata"] = new JsonObject { ["name"] = "g1" }, ["spec"] = new JsonObject { ["on"] = true } };
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, "example.org", "v1", "client-generic", "gadgets");
        var generic = new GenericClient(Client, "example.org", "v1", "gadgets");
        var read = await generic.ReadNamespacedAsync<Gadget>("client-generic", "g1");
        Assert.True(read.Spec["on"].GetBoolean());
        Assert.Equal(1, read.Metadata.Generation);

        await Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("gadgets.example.org");
        var (code, _) = await cluster.SendAsync(HttpMethod.Get, "/apis/example.org/v1/namespaces/client-generic/gadgets/g1");
        Assert.Equal(404, code);
    }

    /// <summary>A custom resource type for GenericClient, which needs an IKubernetesObject.</summary>
    public sealed class Gadget : IKubernetesObject<V1ObjectMeta>
    {
        public string ApiVersion { get; set; } = "example.org/v1";

        public string Kind { get; set; } = "Gadget";

        public V1ObjectMeta Metadata { get; set; } = new();

        public Dictionary<string, System.Text.Json.JsonElement> Spec { get; set; } = [];
    }

    private static V1Deployment Deployment(string ns, string name, string image, int replicas) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = image }] },
            },
        },
    };

    private async Task EnsureNamespaceAsync(string name)
    {
        try
        {
            await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Already there.
        }
    }
}
