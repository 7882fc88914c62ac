using System.Diagnostics;
using Homelab.DevCluster.Tests.Infrastructure;

namespace Homelab.DevCluster.Tests;

/// <summary>The real kubectl v1.35.2, unmodified, against the dev cluster.</summary>
public sealed class KubectlTests(DevClusterFixture cluster) : IClassFixture<DevClusterFixture>
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: kubectl-apply
          labels: {app: web}
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: nginx
                image: nginx:1.27
                ports:
                - containerPort: 80
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: kubectl-apply
        data:
          mode: "one"
        """;

    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """;

    private Kubectl Kubectl => cluster.Kubectl;

    [Fact]
    public async Task Client_side_apply_creates_then_configures_and_is_idempotent()
    {
        await EnsureNamespaceAsync("kubectl-apply");
        var first = await Kubectl.SucceedWithInputAsync(Deployment, "apply", "-f", "-");
        Assert.Contains("deployment.apps/web created", first);
        Assert.Contains("configmap/settings created", first);

        var again = await Kubectl.SucceedWithInputAsync(Deployment, "apply", "-f", "-");
        Assert.Contains("deployment.apps/web unchanged", again);
        Assert.Contains("configmap/settings unchanged", again);

        var changed = await Kubectl.SucceedWithInputAsync(Deployment.Replace("\"one\"", "\"two\"", StringComparison.Ordinal), "apply", "-f", "-");
        Assert.Contains("configmap/settings configured", changed);
        Assert.Equal("two", await Kubectl.SucceedAsync("-n", "kubectl-apply", "get", "cm", "settings", "-o", "jsonpath={.data.mode}"));

        await Kubectl.SucceedAsync("-n", "kubectl-apply", "wait", "--for=condition=Available", "deployment/web", "--timeout=20s");
        var yaml = await Kubectl.SucceedAsync("-n", "kubectl-apply", "get", "deployment", "web", "-o", "yaml");
        Assert.Contains("progressDeadlineSeconds: 600", yaml);
        Assert.Contains("imagePullPolicy: IfNotPresent", yaml);
        Assert.Contains("kubectl.kubernetes.io/last-applied-configuration", yaml);
        Assert.Contains("observedGeneration: 1", yaml);
    }

    [Fact]
    public async Task Server_side_apply_reports_conflicts_and_forces()
    {
        await EnsureNamespaceAsync("kubectl-ssa");
        const string Config = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared, namespace: kubectl-ssa}\ndata: {a: \"1\"}\n";
        Assert.Contains("serverside-applied", await Kubectl.SucceedWithInputAsync(Config, "apply", "--server-side", "--field-manager=first", "-f", "-"));

        var conflict = await Kubectl.RunAsync(["apply", "--server-side", "--field-manager=second", "-f", "-"], Config.Replace("\"1\"", "\"2\"", StringComparison.Ordinal));
        Assert.False(conflict.Succeeded);
        Assert.Contains("Apply failed with 1 conflict: conflict with \"first\": .data.a", conflict.StandardError);

        await Kubectl.SucceedWithInputAsync(Config.Replace("\"1\"", "\"2\"", StringComparison.Ordinal), "apply", "--server-side", "--field-manager=second", "--force-conflicts", "-f", "-");
        Assert.Equal("2", await Kubectl.SucceedAsync("-n", "kubectl-ssa", "get", "cm", "shared", "-o", "jsonpath={.data.a}"));
        var second = await Kubectl.SucceedAsync("-n", "kubectl-ssa", "get", "cm", "shared", "--show-managed-fields", "-o", "jsonpath={.metadata.managedFields[?(@.manager==\"second\")].fieldsV1}");
        var first = await Kubectl.SucceedAsync("-n", "kubectl-ssa", "get", "cm", "shared", "--show-managed-fields", "-o", "jsonpath={.metadata.managedFields[?(@.manager==\"first\")].fieldsV1}");
        Assert.Contains("\"f:a\"", second);
        Assert.DoesNotContain("\"f:a\"", first);
    }

    [Fact]
    public async Task Crd_then_custom_resource_with_short_name_merge_patch_and_no_strategic_patch()
    {
        await EnsureNamespaceAsync("kubectl-crd");
        Assert.Contains("created", await Kubectl.SucceedWithInputAsync(Crd, "apply", "-f", "-"));
        const string Widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1, namespace: kubectl-crd}\nspec: {size: 3}\n";
        Assert.Contains("widget.example.com/w1 created", await Kubectl.SucceedWithInputAsync(Widget, "apply", "-f", "-"));
        Assert.Contains("configured", await Kubectl.SucceedWithInputAsync(Widget.Replace("3", "4", StringComparison.Ordinal), "apply", "-f", "-"));
        Assert.Equal("4 2", await Kubectl.SucceedAsync("-n", "kubectl-crd", "get", "wd", "w1", "-o", "jsonpath={.spec.size} {.metadata.generation}"));
        Assert.Contains("serverside-applied", await Kubectl.SucceedWithInputAsync(Widget, "apply", "--server-side", "--force-conflicts", "-f", "-"));

        var strategic = await Kubectl.RunAsync("-n", "kubectl-crd", "patch", "widget", "w1", "-p", "{\"spec\":{\"x\":1}}");
        Assert.False(strategic.Succeeded);
        Assert.Contains("application/strategic-merge-patch+json is not supported", strategic.StandardError);

        var crdStatus = await Kubectl.SucceedAsync("get", "crd", "widgets.example.com", "-o", "jsonpath={.status.conditions[?(@.type==\"Established\")].status}");
        Assert.Equal("True", crdStatus);
        Assert.Contains("widgets", await Kubectl.SucceedAsync("api-resources", "--api-group=example.com"));
    }

    [Fact]
    public async Task Patch_strategic_merge_and_json()
    {
        await EnsureNamespaceAsync("kubectl-patch");
        await Kubectl.SucceedWithInputAsync(Deployment.Replace("kubectl-apply", "kubectl-patch", StringComparison.Ordinal), "apply", "-f", "-");
        await Kubectl.SucceedAsync("-n", "kubectl-patch", "patch", "deployment", "web", "-p", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.28\"}]}}}}");
        Assert.Equal("nginx:1.28 80 2", await Kubectl.SucceedAsync("-n", "kubectl-patch", "get", "deployment", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].ports[0].containerPort} {.metadata.generation}"));

        await Kubectl.SucceedAsync("-n", "kubectl-patch", "patch", "cm", "settings", "--type", "merge", "-p", "{\"data\":{\"extra\":\"x\"}}");
        await Kubectl.SucceedAsync("-n", "kubectl-patch", "patch", "cm", "settings", "--type", "json", "-p", "[{\"op\":\"remove\",\"path\":\"/data/mode\"}]");
        Assert.Equal("{\"extra\":\"x\"}", await Kubectl.SucceedAsync("-n", "kubectl-patch", "get", "cm", "settings", "-o", "jsonpath={.data}"));
    }

    [Fact]
    public async Task Edit_through_an_editor_script()
    {
        await EnsureNamespaceAsync("kubectl-edit");
        await Kubectl.SucceedWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: e, namespace: kubectl-edit}\ndata: {v: before}\n", "apply", "-f", "-");
        var editor = Path.Combine(Kubectl.Home, "editor.sh");
        await File.WriteAllTextAsync(editor, "#!/bin/sh\nsed -i 's/v: before/v: after/' \"$1\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var result = await Kubectl.RunAsync(["-n", "kubectl-edit", "edit", "cm", "e"], null, new Dictionary<string, string?> { ["KUBE_EDITOR"] = editor });
        Assert.True(result.Succeeded, result.StandardError);
        Assert.Equal("after", await Kubectl.SucceedAsync("-n", "kubectl-edit", "get", "cm", "e", "-o", "jsonpath={.data.v}"));
    }

    [Fact]
    public async Task Get_watch_sees_an_update()
    {
        await EnsureNamespaceAsync("kubectl-watch");
        await Kubectl.SucceedWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: w, namespace: kubectl-watch}\ndata: {v: \"1\"}\n", "apply", "-f", "-");
        var watch = Kubectl.RunAsync(["-n", "kubectl-watch", "get", "cm", "--watch", "--output-watch-events", "--request-timeout=8s"], null);
        await DevClusterFixture.WaitUntilAsync(() => Task.FromResult(cluster.Server.Requests.Count("watch", "configmaps") > 0), "kubectl to start watching");
        await Kubectl.SucceedAsync("-n", "kubectl-watch", "patch", "cm", "w", "--type", "merge", "-p", "{\"data\":{\"v\":\"2\"}}");
        cluster.Server.Faults.CloseWatches();
        var result = await watch;
        Assert.Contains("ADDED", result.StandardOutput);
        Assert.Matches(@"ADDED\s+w\s", result.StandardOutput);
        Assert.Matches(@"MODIFIED\s+w\s", result.StandardOutput);
    }

    [Fact]
    public async Task Delete_wait_returns_once_objects_are_gone()
    {
        await EnsureNamespaceAsync("kubectl-delete");
        var manifest = Deployment.Replace("kubectl-apply", "kubectl-delete", StringComparison.Ordinal);
        await Kubectl.SucceedWithInputAsync(manifest, "apply", "-f", "-");
        var stopwatch = Stopwatch.StartNew();
        var output = await Kubectl.SucceedWithInputAsync(manifest, "delete", "--wait", "--timeout=20s", "-f", "-");
        Assert.Contains("deployment.apps \"web\" deleted", output);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"delete --wait took {stopwatch.Elapsed}");
        var get = await Kubectl.RunAsync("-n", "kubectl-delete", "get", "deployment", "web");
        Assert.Contains("NotFound", get.StandardError);
    }

    [Fact]
    public async Task Api_resources_lists_built_ins_with_short_names()
    {
        var output = await Kubectl.SucceedAsync("api-resources");
        Assert.Matches(@"deployments\s+deploy\s+apps/v1\s+true\s+Deployment", output);
        Assert.Matches(@"namespaces\s+ns\s+v1\s+false\s+Namespace", output);
        Assert.Matches(@"customresourcedefinitions\s+crd,crds\s+apiextensions.k8s.io/v1\s+false", output);
        Assert.Contains("Server Version: v1.35.2", await Kubectl.SucceedAsync("version"));
    }

    [Fact]
    public async Task Get_prints_server_side_columns_including_crd_printer_columns()
    {
        await EnsureNamespaceAsync("kubectl-table");
        await Kubectl.SucceedWithInputAsync(Deployment.Replace("kubectl-apply", "kubectl-table", StringComparison.Ordinal), "apply", "-f", "-");
        await Kubectl.SucceedAsync("-n", "kubectl-table", "wait", "--for=condition=Available", "deployment/web", "--timeout=20s");
        Assert.Matches(@"NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+web\s+2/2\s+2\s+2\s", await Kubectl.SucceedAsync("-n", "kubectl-table", "get", "deployments"));

        const string Gizmos = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: gizmos.table.example.com}
            spec:
              group: table.example.com
              names: {plural: gizmos, kind: Gizmo}
              scope: Namespaced
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
                additionalPrinterColumns:
                - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
                - {name: Size, type: integer, jsonPath: .spec.size}
                - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
            """;
        await Kubectl.SucceedWithInputAsync(Gizmos, "apply", "-f", "-");
        await Kubectl.SucceedWithInputAsync("apiVersion: table.example.com/v1\nkind: Gizmo\nmetadata: {name: g1, namespace: kubectl-table}\nspec: {size: 3}\nstatus: {conditions: [{type: Ready, status: \"True\"}]}\n", "apply", "-f", "-");
        Assert.Matches(@"NAME\s+READY\s+SIZE\s+AGE\s+g1\s+True\s+3\s", await Kubectl.SucceedAsync("-n", "kubectl-table", "get", "gizmos"));
    }

    [Fact]
    public async Task Create_and_replace_from_files_pass_strict_validation()
    {
        await EnsureNamespaceAsync("kubectl-create");
        const string Config = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: made, namespace: kubectl-create}\ndata: {v: \"1\"}\n";
        Assert.Contains("configmap/made created", await Kubectl.SucceedWithInputAsync(Config, "create", "-f", "-"));
        Assert.Contains("configmap/made replaced", await Kubectl.SucceedWithInputAsync(Config.Replace("\"1\"", "\"2\"", StringComparison.Ordinal), "replace", "-f", "-"));
        Assert.Equal("2", await Kubectl.SucceedAsync("-n", "kubectl-create", "get", "cm", "made", "-o", "jsonpath={.data.v}"));
        var again = await Kubectl.RunAsync(["create", "-f", "-"], Config);
        Assert.Contains("AlreadyExists", again.StandardError);
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_its_contents()
    {
        await Kubectl.SucceedWithInputAsync("apiVersion: v1\nkind: Namespace\nmetadata: {name: kubectl-doomed}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: kubectl-doomed}\n", "apply", "-f", "-");
        await Kubectl.SucceedAsync("delete", "namespace", "kubectl-doomed", "--wait", "--timeout=20s");
        Assert.Contains("NotFound", (await Kubectl.RunAsync("get", "namespace", "kubectl-doomed")).StandardError);
    }

    private Task EnsureNamespaceAsync(string name) =>
        Kubectl.SucceedWithInputAsync($"apiVersion: v1\nkind: Namespace\nmetadata: {{name: {name}}}\n", "apply", "-f", "-");
}
