using Homelab.Deployment.Tests.Fixtures;
using Homelab.DevCluster;
using Homelab.DevCluster.Accounting;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Homelab.Cli.Install;
using Xunit.Abstractions;

namespace Homelab.Deployment.Tests.Rbac;

/// <summary>
/// The services' ClusterRoles and Roles are exactly the documented ones, and they are enough: each service runs a
/// representative workload against its own dev cluster (installed by <c>homelab bootstrap</c>), and every request
/// it made — from the dev cluster's request log — must be allowed for its ServiceAccount.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class ServicePermissionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public void Roles_grant_exactly_the_documented_set()
    {
        var granted = new RbacPolicy(InstallManifest.Objects()).Grants();
        var documented = DocumentedGrants.Read(Repo.File("docs", "operations.md"));

        var undocumented = granted.Except(documented).Select(g => g.ToString()).Order().ToList();
        var missing = documented.Except(granted).Select(g => g.ToString()).Order().ToList();
        Assert.True(undocumented.Count == 0, "granted but not in docs/operations.md: " + string.Join("; ", undocumented));
        Assert.True(missing.Count == 0, "documented but not granted: " + string.Join("; ", missing));
    }

    [Fact]
    public async Task Infrastructure_service_needs_nothing_beyond_its_roles()
    {
        using var temp = new TempDirectory();
        await using var git = await GitHttpServer.StartAsync(temp.Sub("served"));
        var repo = new TestRepository(temp.Sub("served"), "homelab");
        var url = git.UrlFor(repo.Name);
        repo.Commit("infrastructure", [.. InfrastructureFiles(url), .. HelmReleaseFile()]);
        repo.Push();

        await using var cluster = await DevClusterServer.StartAsync(new DevClusterOptions { SimulatorDelay = TimeSpan.FromMilliseconds(50) });
        Assert.Equal(0, (await Bootstrap(cluster, url, "cluster")).ExitCode);
        using var connection = ClusterConnection.FromKubeconfig(cluster.KubeconfigPath);
        using var metrics = new RequestMetrics();
        var client = new ClusterClient(connection, metrics, new DiscoveryOptions { MinRefreshInterval = TimeSpan.Zero });
        await using var observer = await Observer.StartAsync(client,
            ("kustomize.toolkit.fluxcd.io", "Kustomization"), ("helm.toolkit.fluxcd.io", "HelmRelease"), ("", "ConfigMap"));
        cluster.Requests.Reset();

        await using (var service = await InClusterService.StartInfrastructureAsync(cluster.KubeconfigPath, temp.Sub("infrastructure"), "infrastructure-0"))
        {
            await Eventually.TrueAsync(
                () => observer.IsReady("kustomize.toolkit.fluxcd.io", "Kustomization", "flux-system", "web")
                    && observer.IsReady("helm.toolkit.fluxcd.io", "HelmRelease", "flux-system", "demo"),
                "Kustomizations base → web (dependsOn) and the HelmRelease from a Git chart Ready", Timeout);

            // Prune: a ConfigMap and the HelmRelease leave Git.
            Remove(repo, "apps/base/b.yaml", "cluster/helmrelease.yaml");
            await Eventually.TrueAsync(
                () => observer.Get("", "ConfigMap", "demo", "base-b") is null
                    && observer.Get("helm.toolkit.fluxcd.io", "HelmRelease", "flux-system", "demo") is null,
                "pruned ConfigMap and HelmRelease", Timeout);
        }

        AssertAllowed(cluster.Requests.Log, "homelab-system/homelab-infrastructure");
    }

    [Fact]
    public async Task Applications_service_needs_nothing_beyond_its_roles()
    {
        using var temp = new TempDirectory();
        await using var git = await GitHttpServer.StartAsync(temp.Sub("served"));
        var repo = new TestRepository(temp.Sub("served"), "homelab");
        var url = git.UrlFor(repo.Name);
        repo.Commit("applications", ApplicationFiles(url));
        repo.Push();

        await using var cluster = await DevClusterServer.StartAsync(new DevClusterOptions { SimulatorDelay = TimeSpan.FromMilliseconds(50) });
        Assert.Equal(0, (await Bootstrap(cluster, url, "cluster", "--apps-path", "apps-root")).ExitCode);
        using var connection = ClusterConnection.FromKubeconfig(cluster.KubeconfigPath);
        using var metrics = new RequestMetrics();
        var client = new ClusterClient(connection, metrics, new DiscoveryOptions { MinRefreshInterval = TimeSpan.Zero });
        await using var observer = await Observer.StartAsync(client, ("argoproj.io", "Application"), ("", "ConfigMap"));
        cluster.Requests.Reset();

        await using (var service = await InClusterService.StartApplicationsAsync(cluster.KubeconfigPath, temp.Sub("applications"), "applications-0"))
        {
            await Eventually.TrueAsync(
                () => observer.IsSyncedAndHealthy("homelab") && observer.IsSyncedAndHealthy("web") && observer.IsSyncedAndHealthy("fleet-one"),
                "app-of-apps, its Application (project demo) and the ApplicationSet's Application Synced and Healthy", Timeout);

            Remove(repo, "apps/web/b.yaml");
            await Eventually.TrueAsync(() => observer.Get("", "ConfigMap", "web", "b") is null, "auto-sync prunes ConfigMap web/b", Timeout);
        }

        AssertAllowed(cluster.Requests.Log, "homelab-system/homelab-applications");
    }

    private void AssertAllowed(IReadOnlyList<LoggedRequest> log, string serviceAccount)
    {
        var policy = new RbacPolicy(InstallManifest.Objects());
        Assert.NotEmpty(log);
        foreach (var used in log.Select(r => $"{r.Key.Verb} {r.Key.Group}/{r.Key.Resource}{(r.Key.Subresource.Length == 0 ? "" : "/" + r.Key.Subresource)}").Distinct().Order())
        {
            output.WriteLine(used);
        }

        var denied = log
            .Where(r => !policy.Allows(serviceAccount, r.Key.Verb, r.Key.Group, r.Key.Resource, r.Key.Subresource, r.Namespace))
            .Select(r => $"{r.Key.Verb} {r.Key.Group}/{r.Key.Resource}{(r.Key.Subresource.Length == 0 ? "" : "/" + r.Key.Subresource)} in {r.Namespace ?? "(cluster)"}")
            .Distinct()
            .Order()
            .ToList();
        Assert.True(denied.Count == 0, $"{serviceAccount} made requests its roles do not allow: {string.Join("; ", denied)}");
    }

    private static Task<CliRun> Bootstrap(DevClusterServer cluster, string url, string path, params string[] extra) =>
        CliRun.RunAsync(null, ["bootstrap", "--repo", url, "--path", path, "--kubeconfig", cluster.KubeconfigPath, "--timeout", "30s", "--wait=false", .. extra]);

    private static (string, string)[] InfrastructureFiles(string url) =>
    [
        ("cluster/source.yaml", $"""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata:
              name: homelab
              namespace: flux-system
            spec:
              url: {url}
              ref:
                branch: main
              interval: 1s
            """),
        ("cluster/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n"),
        ("cluster/kustomizations.yaml", """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: base
              namespace: flux-system
            spec:
              interval: 1m
              sourceRef:
                kind: GitRepository
                name: homelab
              path: ./apps/base
              prune: true
            ---
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: web
              namespace: flux-system
            spec:
              dependsOn:
                - name: base
              interval: 1m
              sourceRef:
                kind: GitRepository
                name: homelab
              path: ./apps/web
              prune: true
              wait: true
            """),
        ("apps/base/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base-a\n  namespace: demo\ndata:\n  a: \"1\"\n"),
        ("apps/base/b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base-b\n  namespace: demo\ndata:\n  b: \"1\"\n"),
        ("apps/web/deployment.yaml", Deployment("web", "demo")),
        ("charts/demo/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 1.0.0\n"),
        ("charts/demo/templates/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\ndata:\n  message: {{ .Values.message | quote }}\n"),
        ("charts/demo/values.yaml", "message: hello\n"),
    ];

    private static (string, string)[] HelmReleaseFile() =>
    [
        ("cluster/helmrelease.yaml", """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: demo
              namespace: flux-system
            spec:
              interval: 1m
              chart:
                spec:
                  chart: ./charts/demo
                  sourceRef:
                    kind: GitRepository
                    name: homelab
              values:
                message: from git
            """),
    ];

    private static (string, string)[] ApplicationFiles(string url) =>
    [
        ("apps-root/project.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: AppProject
            metadata:
              name: demo
              namespace: argocd
            spec:
              sourceRepos: ["*"]
              destinations:
                - server: https://kubernetes.default.svc
                  namespace: "*"
              clusterResourceWhitelist:
                - group: "*"
                  kind: "*"
            """),
        ("apps-root/web.yaml", $"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: web
              namespace: argocd
              finalizers:
                - resources-finalizer.argocd.argoproj.io
            spec:
              project: demo
              source:
                repoURL: {url}
                targetRevision: main
                path: apps/web
              destination:
                server: https://kubernetes.default.svc
                namespace: web
              syncPolicy:
                automated:
                  prune: true
                  selfHeal: true
                syncOptions:
                  - CreateNamespace=true
            """),
        ("apps-root/appset.yaml", $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: fleet
              namespace: argocd
            spec:
              generators:
                - list:
                    elements:
                      - name: one
              template:
                metadata:
                  name: fleet-{{name}}
                spec:
                  project: default
                  source:
                    repoURL: {{{url}}}
                    targetRevision: main
                    path: apps/fleet
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: fleet-{{name}}
                  syncPolicy:
                    automated:
                      prune: true
                    syncOptions:
                      - CreateNamespace=true
            """),
        ("apps/web/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: \"1\"\n"),
        ("apps/web/b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  b: \"1\"\n"),
        ("apps/web/deployment.yaml", Deployment("web", null)),
        ("apps/fleet/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fleet\ndata:\n  x: \"1\"\n"),
    ];

    private static string Deployment(string name, string? ns) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: {ns ?? "web"}
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
                - name: {name}
                  image: nginx:1.27
        """;

    /// <summary>Deletes files from Git in one commit and pushes it.</summary>
    private static void Remove(TestRepository repo, params string[] paths)
    {
        GitCli.Run(repo.WorkPath, ["rm", "-q", .. paths]);
        GitCli.Run(repo.WorkPath, "commit", "-q", "-m", "remove " + string.Join(", ", paths));
        repo.Push();
    }
}
