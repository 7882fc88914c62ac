using Homelab.Engine.Diff;
using Homelab.Manifests.Objects;
using static Homelab.Engine.Tests.Objects;

namespace Homelab.Engine.Tests.Diff;

public sealed class NormalisationTests
{
    private static readonly ResourceDiffer Differ = new(new DiffOptions { FieldManager = "argocd-controller" });

    [Fact]
    public void Service_with_defaults_and_int_or_string_target_port_is_equal()
    {
        var desired = Yaml("""
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: apps}
            spec:
              selector: {app: web}
              ports:
              - name: https
                port: 443
                targetPort: "8443"
              - name: http
                port: 80
                targetPort: 8080
            """);
        var live = KubeObject.FromJson("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"apps","uid":"u","resourceVersion":"9"},
             "spec":{"selector":{"app":"web"},"type":"ClusterIP","clusterIP":"10.96.0.12","clusterIPs":["10.96.0.12"],
               "sessionAffinity":"None","ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack","internalTrafficPolicy":"Cluster",
               "ports":[{"name":"http","port":80,"protocol":"TCP","targetPort":"8080"},{"name":"https","port":443,"protocol":"TCP","targetPort":8443}]},
             "status":{"loadBalancer":{}}}
            """);

        Assert.Equal(DiffState.Equal, Differ.Diff(desired, live).State);
    }

    [Fact]
    public void StatefulSet_with_volume_claim_templates_defaulted_is_equal()
    {
        var desired = Yaml("""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: data}
            spec:
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers:
                  - name: postgres
                    image: postgres:17
                    volumeMounts:
                    - {name: data, mountPath: /var/lib/postgresql/data}
              volumeClaimTemplates:
              - metadata: {name: data}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
            """);
        var live = KubeObject.FromJson("""
            {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db","namespace":"data","generation":1},
             "spec":{"serviceName":"db","replicas":1,"podManagementPolicy":"OrderedReady","revisionHistoryLimit":10,
               "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}},
               "persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Retain","whenScaled":"Retain"},
               "selector":{"matchLabels":{"app":"db"}},
               "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"db"}},
                 "spec":{"containers":[{"name":"postgres","image":"postgres:17","imagePullPolicy":"IfNotPresent","resources":{},
                   "volumeMounts":[{"name":"data","mountPath":"/var/lib/postgresql/data"}]}],"restartPolicy":"Always","dnsPolicy":"ClusterFirst"}},
               "volumeClaimTemplates":[{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data","creationTimestamp":null},
                 "spec":{"accessModes":["ReadWriteOnce"],"volumeMode":"Filesystem","resources":{"requests":{"storage":"1Gi"}}},"status":{"phase":"Pending"}}]},
             "status":{"replicas":1}}
            """);

        Assert.Equal(DiffState.Equal, Differ.Diff(desired, live).State);
    }

    [Theory]
    [InlineData("\"0.5\"", "\"500m\"")]
    [InlineData("1", "\"1\"")]
    [InlineData("\"1\"", "\"1000m\"")]
    [InlineData("\"1024Mi\"", "\"1Gi\"")]
    [InlineData("\"1e3\"", "\"1k\"")]
    [InlineData("0.25", "\"250m\"")]
    public void Equivalent_quantities_are_equal(string desiredCpu, string liveCpu)
    {
        Assert.Equal(DiffState.Equal, Differ.Diff(Pod(desiredCpu), Pod(liveCpu)).State);
    }

    [Theory]
    [InlineData("\"0.5\"", "\"501m\"")]
    [InlineData("\"1Gi\"", "\"1G\"")]
    public void Different_quantities_are_modified(string desiredCpu, string liveCpu)
    {
        var diff = Differ.Diff(Pod(desiredCpu), Pod(liveCpu));

        Assert.Equal("/spec/containers/0/resources/limits/cpu", Assert.Single(diff.Changes).Path);
    }

    [Fact]
    public void Quantity_equivalence_does_not_apply_outside_quantity_fields()
    {
        var desired = Yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: d}\ndata: {version: \"1.0\", ratio: \"500m\"}\n");
        var live = Yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: d}\ndata: {version: \"1\", ratio: \"0.5\"}\n");

        var diff = Differ.Diff(desired, live);

        Assert.Equal(["/data/version", "/data/ratio"], diff.Changes.Select(c => c.Path));
    }

    [Fact]
    public void Boolean_and_string_are_not_equal()
    {
        var desired = Yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: d}\nspec: {hostNetwork: true}\n");
        var live = KubeObject.FromJson("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"d"},"spec":{"hostNetwork":"true"}}""");

        Assert.Equal(DiffState.Modified, Differ.Diff(desired, live).State);
    }

    [Fact]
    public void Empty_map_or_list_equals_missing()
    {
        var desired = Yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: d, labels: {}}\nspec: {tolerations: [], securityContext: {}}\n");
        var live = KubeObject.FromJson("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"d"},"spec":{"securityContext":{"runAsUser":1}}}""");

        Assert.Equal(DiffState.Equal, Differ.Diff(desired, live).State);
    }

    [Fact]
    public void Scalar_lists_are_compared_whole()
    {
        var desired = Yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: d}\nspec: {containers: [{name: a, image: x, args: [serve, --port=80]}]}\n");
        var live = Yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: d}\nspec: {containers: [{name: a, image: x, args: [--port=80, serve]}]}\n");

        var diff = Differ.Diff(desired, live);

        Assert.Equal("/spec/containers/0/args", Assert.Single(diff.Changes).Path);
    }

    [Fact]
    public void Keyed_lists_ignore_order()
    {
        var desired = Yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: d}\nspec: {containers: [{name: a, image: x, env: [{name: A, value: '1'}, {name: B, value: '2'}]}]}\n");
        var live = Yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: d}\nspec: {containers: [{name: a, image: x, env: [{name: B, value: '2'}, {name: A, value: '1'}]}]}\n");

        Assert.Equal(DiffState.Equal, Differ.Diff(desired, live).State);
    }

    [Fact]
    public void Server_metadata_and_last_applied_are_ignored()
    {
        var desired = Yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: d}\ndata: {a: b}\n");
        var live = KubeObject.FromJson("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"d","uid":"x","resourceVersion":"1","selfLink":"/x",
              "creationTimestamp":"2026-01-01T00:00:00Z","deletionTimestamp":"2026-01-02T00:00:00Z",
              "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"data\":{\"a\":\"old\"}}"}},"data":{"a":"b"}}
            """);

        var diff = Differ.Diff(desired, live);

        Assert.Equal(DiffState.Equal, diff.State);
        Assert.DoesNotContain("last-applied", Differ.Diff(null, live).UnifiedDiff, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_values_dropped_by_the_server_are_equal_but_set_values_are_not()
    {
        var desired = Yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: d}\nspec: {hostNetwork: false, priority: 0, containers: [{name: a, image: x, env: [{name: EMPTY, value: \"\"}]}]}\n");
        var live = Yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: d}\nspec: {containers: [{name: a, image: x, env: [{name: EMPTY}]}]}\n");
        var nonZero = Yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: d}\nspec: {hostNetwork: true}\n");

        Assert.Equal(DiffState.Equal, Differ.Diff(desired, live).State);
        Assert.Equal(new FieldChange("/spec/hostNetwork", FieldChangeKind.Added, false), Assert.Single(Differ.Diff(nonZero, live).Changes));
    }

    [Fact]
    public void Hpa_average_value_is_a_quantity()
    {
        const string Hpa = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h, namespace: d}\nspec: {metrics: [{type: Pods, pods: {metric: {name: rps}, target: {type: AverageValue, averageValue: VALUE}}}]}\n";

        Assert.Equal(DiffState.Equal, Differ.Diff(Yaml(Hpa.Replace("VALUE", "\"0.5\"", StringComparison.Ordinal)), Yaml(Hpa.Replace("VALUE", "500m", StringComparison.Ordinal))).State);
    }

    [Fact]
    public void Service_port_and_finalizer_removed_from_git_are_reported()
    {
        var desired = Yaml("apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: apps}\nspec: {ports: [{name: http, port: 80}]}\n");
        var live = KubeObject.FromJson("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"apps","finalizers":["homelab.dev/cleanup"],
              "managedFields":[{"manager":"argocd-controller","operation":"Apply","fieldsType":"FieldsV1","fieldsV1":{
                "f:metadata":{"f:finalizers":{"v:\"homelab.dev/cleanup\"":{}}},
                "f:spec":{"f:ports":{"k:{\"port\":443,\"protocol\":\"TCP\"}":{".":{},"f:name":{},"f:port":{}},"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:name":{},"f:port":{}}}}}}]},
             "spec":{"type":"ClusterIP","ports":[{"name":"https","port":443,"protocol":"TCP","targetPort":443},{"name":"http","port":80,"protocol":"TCP","targetPort":80}]}}
            """);

        var diff = Differ.Diff(desired, live);

        Assert.Equal(["/metadata/finalizers/0", "/spec/ports/0"], diff.Changes.Select(c => c.Path).Order(StringComparer.Ordinal));
        Assert.All(diff.Changes, c => Assert.Equal(FieldChangeKind.Removed, c.Kind));
        Assert.Contains("-  - name: https", diff.UnifiedDiff, StringComparison.Ordinal);
    }

    private static KubeObject Pod(string cpu) => KubeObject.FromJson($$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"d"},
         "spec":{"containers":[{"name":"app","image":"nginx","resources":{"limits":{"cpu":{{{cpu}}} } } }]}}
        """);
}
