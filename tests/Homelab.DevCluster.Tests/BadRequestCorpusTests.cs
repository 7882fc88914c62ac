using Homelab.DevCluster.Tests.Infrastructure;

namespace Homelab.DevCluster.Tests;

/// <summary>
/// Requests a client gets wrong, each answered with the real API server's Status (code, reason,
/// message), never a 500, and leaving nothing behind.
/// </summary>
public sealed class BadRequestCorpusTests(DevClusterFixture cluster) : IClassFixture<DevClusterFixture>, IAsyncLifetime
{
    private const string Cm = "/api/v1/namespaces/default/configmaps";
    private const string Good = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"NAME"},"data":{"a":"1"}}""";

    public sealed record Case(string Name, string Method, string Path, string? Body, string ContentType, int Code, string Reason, string Message, string? MustNotExist = null)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases => new(
        new Case("text/plain body", "POST", Cm, Good.Replace("NAME", "c1"), "text/plain", 415, "UnsupportedMediaType", "unknown format", $"{Cm}/c1"),
        new Case("protobuf body", "POST", Cm, Good.Replace("NAME", "c2"), "application/vnd.kubernetes.protobuf", 415, "UnsupportedMediaType", "application/json", $"{Cm}/c2"),
        new Case("invalid JSON", "POST", Cm, """{"apiVersion":"v1","kind":""", "application/json", 400, "BadRequest", "json parse error"),
        new Case("JSON array instead of object", "POST", Cm, "[1,2]", "application/json", 400, "BadRequest", "must be a JSON object"),
        new Case("kind missing", "POST", Cm, """{"apiVersion":"v1","metadata":{"name":"c3"}}""", "application/json", 400, "BadRequest", "Object 'Kind' is missing", $"{Cm}/c3"),
        new Case("apiVersion missing", "POST", Cm, """{"kind":"ConfigMap","metadata":{"name":"c4"}}""", "application/json", 400, "BadRequest", "Object 'apiVersion' is missing", $"{Cm}/c4"),
        new Case("apiVersion of another group", "POST", Cm, """{"apiVersion":"apps/v1","kind":"ConfigMap","metadata":{"name":"c5"}}""", "application/json", 400, "BadRequest", "does not match the expected API version (v1)", $"{Cm}/c5"),
        new Case("kind of another resource", "POST", Cm, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"c6"}}""", "application/json", 400, "BadRequest", "the kind in the data (Secret)", $"{Cm}/c6"),
        new Case("name breaking DNS-1123", "POST", Cm, Good.Replace("NAME", "Bad_Name"), "application/json", 422, "Invalid", "ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"),
        new Case("name missing", "POST", Cm, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{}}""", "application/json", 422, "Invalid", "metadata.name: Required value: name or generateName is required"),
        new Case("namespace name with dots", "POST", "/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a.b"}}""", "application/json", 422, "Invalid", "a lowercase RFC 1123 label", "/api/v1/namespaces/a.b"),
        new Case("namespaced create without a namespace", "POST", "/api/v1/configmaps", Good.Replace("NAME", "c7"), "application/json", 405, "MethodNotAllowed", "does not allow this method"),
        new Case("create in a missing namespace", "POST", "/api/v1/namespaces/nowhere/configmaps", Good.Replace("NAME", "c8"), "application/json", 404, "NotFound", "namespaces \"nowhere\" not found"),
        new Case("body namespace differs from URL", "POST", Cm, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c9","namespace":"kube-system"}}""", "application/json", 400, "BadRequest", "does not match the namespace sent on the request", $"{Cm}/c9"),
        new Case("custom resource without its CRD", "POST", "/apis/nothing.example.com/v1/namespaces/default/things", """{"apiVersion":"nothing.example.com/v1","kind":"Thing","metadata":{"name":"t"}}""", "application/json", 404, "NotFound", "could not find the requested resource"),
        new Case("huge body", "POST", Cm, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"huge\"},\"data\":{\"a\":\"" + new string('x', 3 * 1024 * 1024) + "\"}}", "application/json", 413, "RequestEntityTooLarge", "too large", $"{Cm}/huge"),
        new Case("apply without fieldManager", "PATCH", $"{Cm}/c10", Good.Replace("NAME", "c10"), "application/apply-patch+yaml", 422, "Invalid", "fieldManager: Required value", $"{Cm}/c10"),
        new Case("apply with undecodable YAML", "PATCH", $"{Cm}/c11?fieldManager=m", "a: [unclosed", "application/apply-patch+yaml", 400, "BadRequest", "error decoding YAML", $"{Cm}/c11"),
        new Case("apply without kind", "PATCH", $"{Cm}/c12?fieldManager=m", """{"apiVersion":"v1","metadata":{"name":"c12"}}""", "application/apply-patch+yaml", 400, "BadRequest", "Object 'Kind' is missing", $"{Cm}/c12"),
        new Case("patch with a non-patch content type", "PATCH", $"{Cm}/existing", """{"data":{"b":"2"}}""", "application/json", 415, "UnsupportedMediaType", "application/strategic-merge-patch+json"),
        new Case("strategic merge patch on a custom resource", "PATCH", "/apis/corpus.example.com/v1/namespaces/default/samples/s1", """{"spec":{"a":1}}""", "application/strategic-merge-patch+json", 415, "UnsupportedMediaType", "application/merge-patch+json"),
        new Case("json patch that is not an array", "PATCH", $"{Cm}/existing", """{"op":"add"}""", "application/json-patch+json", 400, "BadRequest", "JSON array"),
        new Case("json patch removing a missing path", "PATCH", $"{Cm}/existing", """[{"op":"remove","path":"/data/nope"}]""", "application/json-patch+json", 422, "Invalid", "missing value"),
        new Case("force on a merge patch", "PATCH", $"{Cm}/existing?force=true", """{"data":{"b":"2"}}""", "application/merge-patch+json", 422, "Invalid", "force: Forbidden"),
        new Case("patch of a missing object", "PATCH", $"{Cm}/ghost", """{"data":{"b":"2"}}""", "application/merge-patch+json", 404, "NotFound", "configmaps \"ghost\" not found", $"{Cm}/ghost"),
        new Case("invalid label selector", "GET", $"{Cm}?labelSelector=a%20in%20b", null, "application/json", 400, "BadRequest", "unable to parse requirement"),
        new Case("unsupported field selector", "GET", $"{Cm}?fieldSelector=spec.nodeName%3Dx", null, "application/json", 400, "BadRequest", "field label not supported: spec.nodeName"),
        new Case("deployment selector not matching template", "POST", "/apis/apps/v1/namespaces/default/deployments", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d1"},"spec":{"selector":{"matchLabels":{"app":"a"}},"template":{"metadata":{"labels":{"app":"b"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}""", "application/json", 422, "Invalid", "Deployment.apps \"d1\" is invalid: spec.template.metadata.labels", "/apis/apps/v1/namespaces/default/deployments/d1"),
        new Case("deployment without containers", "POST", "/apis/apps/v1/namespaces/default/deployments", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d2"},"spec":{"selector":{"matchLabels":{"app":"a"}},"template":{"metadata":{"labels":{"app":"a"}},"spec":{}}}}""", "application/json", 422, "Invalid", "spec.template.spec.containers: Required value"),
        new Case("invalid dryRun value", "POST", $"{Cm}?dryRun=Yes", Good.Replace("NAME", "c13"), "application/json", 400, "BadRequest", "Invalid dryRun value", $"{Cm}/c13"),
        new Case("label value too long", "POST", Cm, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c14","labels":{"a":"LONGVALUE"}}}""".Replace("LONGVALUE", new string('v', 64)), "application/json", 422, "Invalid", "metadata.labels", $"{Cm}/c14"),
        new Case("update with a stale resourceVersion", "PUT", $"{Cm}/existing", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"existing","resourceVersion":"1"},"data":{"z":"1"}}""", "application/json", 409, "Conflict", "the object has been modified"),
        new Case("update with a name differing from the URL", "PUT", $"{Cm}/existing", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"other"}}""", "application/json", 400, "BadRequest", "does not match the name on the URL"),
        new Case("unknown propagation policy", "DELETE", $"{Cm}/existing", """{"propagationPolicy":"Sideways"}""", "application/json", 422, "Invalid", "Unsupported value: \"Sideways\""),
        new Case("PUT on a collection", "PUT", Cm, Good.Replace("NAME", "c15"), "application/json", 405, "MethodNotAllowed", "does not allow this method"),
        new Case("watch list without resourceVersionMatch", "GET", $"{Cm}?watch=true&sendInitialEvents=true", null, "application/json", 422, "Invalid", "sendInitialEvents requires setting resourceVersionMatch"),
        new Case("data value that is not a string", "POST", Cm, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c16"},"data":{"a":1}}""", "application/json", 400, "BadRequest", "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field .data.a of type string", $"{Cm}/c16"),
        new Case("replicas as a string (YAML 'two')", "POST", "/apis/apps/v1/namespaces/default/deployments", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d3"},"spec":{"replicas":"two","selector":{"matchLabels":{"app":"a"}},"template":{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}""", "application/json", 400, "BadRequest", "cannot unmarshal string into Go struct field .spec.replicas of type int32", "/apis/apps/v1/namespaces/default/deployments/d3"),
        new Case("env value YAML made a boolean", "PATCH", "/apis/apps/v1/namespaces/default/deployments/d4?fieldManager=m", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d4"},"spec":{"selector":{"matchLabels":{"app":"a"}},"template":{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"c","image":"i","env":[{"name":"DEBUG","value":true}]}]}}}}""", "application/apply-patch+yaml", 400, "BadRequest", "cannot unmarshal bool into Go struct field .spec.template.spec.containers[0].env[0].value of type string", "/apis/apps/v1/namespaces/default/deployments/d4"),
        new Case("label value YAML made a boolean", "POST", Cm, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c17","labels":{"enabled":true}}}""", "application/json", 400, "BadRequest", "cannot unmarshal bool into Go struct field .metadata.labels.enabled of type string", $"{Cm}/c17"),
        new Case("service port as a string", "POST", "/api/v1/namespaces/default/services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s1"},"spec":{"ports":[{"port":"not-a-port"}]}}""", "application/json", 400, "BadRequest", "cannot unmarshal string into Go struct field .spec.ports[0].port of type int32", "/api/v1/namespaces/default/services/s1"),
        new Case("CRD without a storage version", "POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", """{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"xs.example.com"},"spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"xs","kind":"X"},"versions":[{"name":"v1","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object"}}}]}}""", "application/json", 422, "Invalid", "exactly one version marked as storage version", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/xs.example.com"));

    /// <summary>Runs before every case (xunit makes a class instance per test), so it tolerates what earlier cases created.</summary>
    public async Task InitializeAsync()
    {
        Assert.Contains((await cluster.SendAsync(HttpMethod.Post, Cm, Good.Replace("NAME", "existing"))).Code, new[] { 201, 409 });
        var crd = """
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"samples.corpus.example.com"},
             "spec":{"group":"corpus.example.com","scope":"Namespaced","names":{"plural":"samples","kind":"Sample"},
             "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
            """;
        Assert.Contains((await cluster.SendAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)).Code, new[] { 201, 409 });
        Assert.Contains((await cluster.SendAsync(HttpMethod.Post, "/apis/corpus.example.com/v1/namespaces/default/samples", """{"apiVersion":"corpus.example.com/v1","kind":"Sample","metadata":{"name":"s1"}}""")).Code, new[] { 201, 409 });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_request_gets_the_right_status_and_changes_nothing(Case c)
    {
        var before = (await cluster.SendAsync(HttpMethod.Get, $"{Cm}/existing")).Body!["metadata"]!["resourceVersion"]!.GetValue<string>();
        var (code, body) = await cluster.SendAsync(new HttpMethod(c.Method), c.Path, c.Body, c.ContentType);
        Assert.Equal(c.Code, code);
        Assert.NotNull(body);
        Assert.Equal("Status", body["kind"]!.GetValue<string>());
        Assert.Equal("Failure", body["status"]!.GetValue<string>());
        Assert.Equal(c.Code, body["code"]!.GetValue<int>());
        Assert.Equal(c.Reason, body["reason"]!.GetValue<string>());
        Assert.Contains(c.Message, body["message"]!.GetValue<string>());

        if (c.MustNotExist is { } path)
        {
            Assert.Equal(404, (await cluster.SendAsync(HttpMethod.Get, path)).Code);
        }

        var after = (await cluster.SendAsync(HttpMethod.Get, $"{Cm}/existing")).Body!["metadata"]!["resourceVersion"]!.GetValue<string>();
        Assert.Equal(before, after);
    }
}
