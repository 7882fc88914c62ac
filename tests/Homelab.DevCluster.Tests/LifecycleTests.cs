using System.Text.Json.Nodes;
using Homelab.DevCluster.Tests.Infrastructure;

namespace Homelab.DevCluster.Tests;

/// <summary>Defaulting, status subresource and generation, finalizers, garbage collection and the status simulator.</summary>
public sealed class LifecycleTests(DevClusterFixture cluster) : IClassFixture<DevClusterFixture>
{
    private const string Apps = "/apis/apps/v1/namespaces/default/deployments";
    private const string Cm = "/api/v1/namespaces/default/configmaps";

    [Fact]
    public async Task Defaults_mirror_the_api_server()
    {
        var (_, svc) = await CreateAsync("/api/v1/namespaces/default/services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"svc"},"spec":{"selector":{"a":"b"},"ports":[{"port":80}]}}""");
        var spec = svc!["spec"]!;
        Assert.Equal("ClusterIP", spec["type"]!.GetValue<string>());
        Assert.Equal("None", spec["sessionAffinity"]!.GetValue<string>());
        Assert.StartsWith("10.96.", spec["clusterIP"]!.GetValue<string>());
        Assert.Equal(spec["clusterIP"]!.GetValue<string>(), spec["clusterIPs"]![0]!.GetValue<string>());
        Assert.Equal("[\"IPv4\"]", spec["ipFamilies"]!.ToJsonString());
        Assert.Equal("TCP", spec["ports"]![0]!["protocol"]!.GetValue<string>());
        Assert.Equal(80, spec["ports"]![0]!["targetPort"]!.GetValue<int>());

        var (_, secret) = await CreateAsync("/api/v1/namespaces/default/secrets", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"}}""");
        Assert.Equal("Opaque", secret!["type"]!.GetValue<string>());

        var (_, ns) = await CreateAsync("/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"defaults"}}""");
        Assert.Equal("defaults", ns!["metadata"]!["labels"]!["kubernetes.io/metadata.name"]!.GetValue<string>());
        Assert.Equal("[\"kubernetes\"]", ns["spec"]!["finalizers"]!.ToJsonString());
        Assert.Equal("Active", ns["status"]!["phase"]!.GetValue<string>());

        var (_, deployment) = await CreateAsync(Apps, DeploymentJson("defaulted", "nginx"));
        var d = deployment!["spec"]!;
        Assert.Equal(1, d["replicas"]!.GetValue<int>());
        Assert.Equal(10, d["revisionHistoryLimit"]!.GetValue<int>());
        Assert.Equal("25%", d["strategy"]!["rollingUpdate"]!["maxSurge"]!.GetValue<string>());
        var container = d["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("Always", container["imagePullPolicy"]!.GetValue<string>());
        Assert.Equal("/dev/termination-log", container["terminationMessagePath"]!.GetValue<string>());
        Assert.Equal("ClusterFirst", d["template"]!["spec"]!["dnsPolicy"]!.GetValue<string>());
        Assert.Equal(1, deployment["metadata"]!["generation"]!.GetValue<int>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", deployment["metadata"]!["creationTimestamp"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_and_spec_writes_are_kept_apart_and_generation_counts_spec_changes()
    {
        var (_, created) = await CreateAsync(Apps, DeploymentJson("gen", "nginx:1", annotations: "\"devcluster.homelab.dev/simulate\":\"never\""));
        Assert.Null(created!["status"]);

        var (code, afterStatus) = await cluster.SendAsync(HttpMethod.Patch, $"{Apps}/gen/status", """{"status":{"replicas":7},"spec":{"replicas":9}}""", "application/merge-patch+json");
        Assert.Equal(200, code);
        Assert.Equal(7, afterStatus!["status"]!["replicas"]!.GetValue<int>());
        Assert.Equal(1, afterStatus["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(1, afterStatus["metadata"]!["generation"]!.GetValue<int>());

        var (_, afterSpec) = await cluster.SendAsync(HttpMethod.Patch, $"{Apps}/gen", """{"spec":{"replicas":3},"status":{"replicas":0}}""", "application/merge-patch+json");
        Assert.Equal(3, afterSpec!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(7, afterSpec["status"]!["replicas"]!.GetValue<int>());
        Assert.Equal(2, afterSpec["metadata"]!["generation"]!.GetValue<int>());

        var (_, afterLabel) = await cluster.SendAsync(HttpMethod.Patch, $"{Apps}/gen", """{"metadata":{"labels":{"x":"y"}}}""", "application/merge-patch+json");
        Assert.Equal(2, afterLabel!["metadata"]!["generation"]!.GetValue<int>());
    }

    [Fact]
    public async Task Finalizers_hold_deletion_until_removed()
    {
        await CreateAsync(Cm, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"held","finalizers":["example.com/hold"]}}""");
        var (code, _) = await cluster.SendAsync(HttpMethod.Delete, $"{Cm}/held");
        Assert.Equal(202, code);
        var (_, held) = await cluster.SendAsync(HttpMethod.Get, $"{Cm}/held");
        Assert.NotNull(held!["metadata"]!["deletionTimestamp"]);

        (code, _) = await cluster.SendAsync(HttpMethod.Patch, $"{Cm}/held", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        Assert.Equal(200, code);
        Assert.Equal(404, (await cluster.SendAsync(HttpMethod.Get, $"{Cm}/held")).Code);
    }

    [Fact]
    public async Task Deleting_an_owner_collects_its_dependents_unless_orphaned()
    {
        var (_, owner) = await CreateAsync(Cm, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"owner"}}""");
        var uid = owner!["metadata"]!["uid"]!.GetValue<string>();
        var reference = $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"owner\",\"uid\":\"{uid}\"}}";
        await CreateAsync(Cm, $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"dependent\",\"ownerReferences\":[{reference}]}}}}");
        await CreateAsync(Cm, $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"grandchild-owner\"}}}}");

        Assert.Equal(200, (await cluster.SendAsync(HttpMethod.Delete, $"{Cm}/owner", """{"propagationPolicy":"Background"}""")).Code);
        await DevClusterFixture.WaitUntilAsync(async () => (await cluster.SendAsync(HttpMethod.Get, $"{Cm}/dependent")).Code == 404, "the dependent to be collected");

        var (_, owner2) = await CreateAsync(Cm, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"owner2"}}""");
        var uid2 = owner2!["metadata"]!["uid"]!.GetValue<string>();
        await CreateAsync(Cm, $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"orphan\",\"ownerReferences\":[{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"owner2\",\"uid\":\"{uid2}\"}}]}}}}");
        Assert.Equal(200, (await cluster.SendAsync(HttpMethod.Delete, $"{Cm}/owner2", """{"propagationPolicy":"Orphan"}""")).Code);
        var (code, orphan) = await cluster.SendAsync(HttpMethod.Get, $"{Cm}/orphan");
        Assert.Equal(200, code);
        Assert.Null(orphan!["metadata"]!["ownerReferences"]?.AsArray().FirstOrDefault());
    }

    [Fact]
    public async Task Foreground_deletion_waits_for_dependents()
    {
        var (_, owner) = await CreateAsync(Cm, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"fg-owner"}}""");
        var uid = owner!["metadata"]!["uid"]!.GetValue<string>();
        await CreateAsync(Cm, $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"fg-child\",\"finalizers\":[\"example.com/hold\"],\"ownerReferences\":[{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"fg-owner\",\"uid\":\"{uid}\"}}]}}}}");

        var (code, _) = await cluster.SendAsync(HttpMethod.Delete, $"{Cm}/fg-owner", """{"propagationPolicy":"Foreground"}""");
        Assert.Equal(202, code);
        await WaitForAsync($"{Cm}/fg-child", o => o["metadata"]!["deletionTimestamp"] is not null);
        var (ownerCode, waiting) = await cluster.SendAsync(HttpMethod.Get, $"{Cm}/fg-owner");
        Assert.Equal(200, ownerCode);
        Assert.Equal("[\"foregroundDeletion\"]", waiting!["metadata"]!["finalizers"]!.ToJsonString());

        await cluster.SendAsync(HttpMethod.Patch, $"{Cm}/fg-child", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        await DevClusterFixture.WaitUntilAsync(async () => (await cluster.SendAsync(HttpMethod.Get, $"{Cm}/fg-owner")).Code == 404, "the owner to go once its dependent is gone");
        Assert.Equal(404, (await cluster.SendAsync(HttpMethod.Get, $"{Cm}/fg-child")).Code);
    }

    [Fact]
    public async Task Simulator_makes_workloads_ready_or_failed_on_request()
    {
        await CreateAsync(Apps, DeploymentJson("ready", "nginx:1", replicas: 3));
        await CreateAsync(Apps, DeploymentJson("stuck", "nginx:1", annotations: "\"devcluster.homelab.dev/simulate\":\"fail\""));
        await CreateAsync("/apis/batch/v1/namespaces/default/jobs", """{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"job"},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"busybox"}]}}}}""");
        await CreateAsync("/api/v1/namespaces/default/persistentvolumeclaims", """{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"pvc"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}""");
        await CreateAsync("/api/v1/namespaces/default/services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","ports":[{"port":443}]}}""");

        await WaitForAsync($"{Apps}/ready", o => Condition(o, "Available") == "True" && o["status"]!["readyReplicas"]?.GetValue<int>() == 3 && o["status"]!["observedGeneration"]?.GetValue<int>() == 1);
        await WaitForAsync($"{Apps}/stuck", o => Reason(o, "Progressing") == "ProgressDeadlineExceeded");
        await WaitForAsync("/apis/batch/v1/namespaces/default/jobs/job", o => Condition(o, "Complete") == "True");
        await WaitForAsync("/api/v1/namespaces/default/persistentvolumeclaims/pvc", o => o["status"]?["phase"]?.GetValue<string>() == "Bound");
        await WaitForAsync("/api/v1/namespaces/default/services/lb", o => o["status"]?["loadBalancer"]?["ingress"]?[0]?["ip"] is not null);

        // A spec change starts a new rollout: observedGeneration follows the new generation.
        await cluster.SendAsync(HttpMethod.Patch, $"{Apps}/ready", """{"spec":{"replicas":1}}""", "application/merge-patch+json");
        await WaitForAsync($"{Apps}/ready", o => o["status"]!["observedGeneration"]?.GetValue<int>() == 2 && o["status"]!["readyReplicas"]?.GetValue<int>() == 1);
    }

    [Fact]
    public async Task Immutable_fields_are_refused_and_allocated_values_survive_updates()
    {
        await CreateAsync(Apps, DeploymentJson("immutable", "nginx:1"));
        var (code, status) = await cluster.SendAsync(HttpMethod.Patch, $"{Apps}/immutable", """{"spec":{"selector":{"matchLabels":{"app":"other"}},"template":{"metadata":{"labels":{"app":"other"}}}}}""", "application/merge-patch+json");
        Assert.Equal(422, code);
        Assert.StartsWith("Deployment.apps \"immutable\" is invalid: spec.selector: Invalid value:", status!["message"]!.GetValue<string>());
        Assert.EndsWith("field is immutable", status["message"]!.GetValue<string>());

        var (_, svc) = await CreateAsync("/api/v1/namespaces/default/services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"sticky"},"spec":{"type":"NodePort","ports":[{"port":80}]}}""");
        var ip = svc!["spec"]!["clusterIP"]!.GetValue<string>();
        var nodePort = svc["spec"]!["ports"]![0]!["nodePort"]!.GetValue<int>();
        var (putCode, replaced) = await cluster.SendAsync(HttpMethod.Put, "/api/v1/namespaces/default/services/sticky", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"sticky"},"spec":{"type":"NodePort","ports":[{"port":80}]}}""");
        Assert.Equal(200, putCode);
        Assert.Equal(ip, replaced!["spec"]!["clusterIP"]!.GetValue<string>());
        Assert.Equal(nodePort, replaced["spec"]!["ports"]![0]!["nodePort"]!.GetValue<int>());

        (code, _) = await cluster.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/services/sticky", """{"spec":{"clusterIP":"10.96.200.200"}}""", "application/merge-patch+json");
        Assert.Equal(422, code);
    }

    [Fact]
    public async Task Dry_run_and_generate_name()
    {
        var (code, body) = await cluster.SendAsync(HttpMethod.Post, $"{Cm}?dryRun=All", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dry"}}""");
        Assert.Equal(201, code);
        Assert.Equal("dry", body!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(404, (await cluster.SendAsync(HttpMethod.Get, $"{Cm}/dry")).Code);

        var (_, generated) = await CreateAsync(Cm, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"generateName":"gen-"}}""");
        Assert.Matches("^gen-[a-z0-9]{5}$", generated!["metadata"]!["name"]!.GetValue<string>());
    }

    private async Task<(int, JsonNode?)> CreateAsync(string path, string body)
    {
        var (code, created) = await cluster.SendAsync(HttpMethod.Post, path, body);
        Assert.True(code == 201, $"create at {path} answered {code}: {created}");
        return (code, created);
    }

    private Task WaitForAsync(string path, Func<JsonNode, bool> condition) =>
        DevClusterFixture.WaitUntilAsync(async () => (await cluster.SendAsync(HttpMethod.Get, path)).Body is { } o && condition(o), $"{path} to reach its expected status");

    private static string? Condition(JsonNode o, string type) =>
        (o["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => c?["type"]?.GetValue<string>() == type)?["status"]?.GetValue<string>();

    private static string? Reason(JsonNode o, string type) =>
        (o["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => c?["type"]?.GetValue<string>() == type)?["reason"]?.GetValue<string>();

    private static string DeploymentJson(string name, string image, int replicas = 1, string annotations = "") =>
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\",\"annotations\":{" + annotations + "}},"
        + "\"spec\":{\"replicas\":" + replicas + ",\"selector\":{\"matchLabels\":{\"app\":\"" + name + "\"}},"
        + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"" + name + "\"}},\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"" + image + "\"}]}}}}";
}
