using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;
using static Homelab.Applications.Tests.Applications.AppTestBed;

namespace Homelab.Applications.Tests.Applications;

/// <summary>
/// The shapes homelab repositories use (app of apps, kustomize overlay, Helm chart with values, a
/// project restricting destinations) and bad input: each bad Application gets Argo's condition and
/// nothing is applied for it.
/// </summary>
public sealed class ApplicationInputTests(AppTestBed bed) : IClassFixture<AppTestBed>
{
    private const string Chart = """
        apiVersion: v2
        name: kuma
        version: 1.0.0
        """;

    private const string ChartValues = """
        image: louislam/uptime-kuma:1
        host: kuma.local
        """;

    private const string ChartDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}
          annotations:
            host: {{ .Values.host }}
        spec:
          replicas: 1
          selector:
            matchLabels: {app: kuma}
          template:
            metadata:
              labels: {app: kuma}
            spec:
              containers:
                - name: main
                  image: {{ .Values.image }}
        """;

    [Fact]
    public async Task App_of_apps_root_creates_its_children_and_reports_their_health()
    {
        bed.Commit("app of apps",
            ("root-d/child.yaml", Manifests.Application("child-d", bed.RepoUrl, "child-d", "child-d", Manifests.AutomatedWithNamespace)),
            ("child-d/web.yaml", Manifests.Deployment("web", "nginx:1.27")));
        await bed.CreateAsync(Manifests.Application("root-d", bed.RepoUrl, "root-d", ArgoNamespace, Manifests.AutomatedWithNamespace.Replace("CreateNamespace=true", "Validate=true", StringComparison.Ordinal)));

        var child = await bed.WaitForAppAsync("child-d", a => Sync(a) == "Synced" && Health(a) == "Healthy", "the child synced", TimeSpan.FromSeconds(30));
        Assert.Equal("root-d:argoproj.io/Application:argocd/child-d", child.GetAnnotation("argocd.argoproj.io/tracking-id"));
        Assert.NotNull(await bed.GetAsync("apps/v1", "Deployment", "child-d", "web"));
        await bed.WaitForAppAsync("root-d", a => Sync(a) == "Synced" && Health(a) == "Healthy", "the root healthy through its child");
    }

    [Fact]
    public async Task Kustomize_overlay_and_Helm_chart_with_values_render_and_sync()
    {
        bed.Commit("kustomize and helm",
            ("kz/base/kustomization.yaml", "resources: [web.yaml]\n"),
            ("kz/base/web.yaml", Manifests.Deployment("web", "traefik/whoami:v1")),
            ("kz/overlays/dev/kustomization.yaml", "resources: [../../base]\nnamePrefix: dev-\n"),
            ("charts/kuma/Chart.yaml", Chart),
            ("charts/kuma/values.yaml", ChartValues),
            ("charts/kuma/values-homelab.yaml", "image: louislam/uptime-kuma:2\n"),
            ("charts/kuma/templates/deployment.yaml", ChartDeployment));
        await bed.CreateAsync(Manifests.Application("whoami-dev", bed.RepoUrl, "kz/overlays/dev", "whoami-dev", Manifests.AutomatedWithNamespace));
        await bed.CreateAsync(Manifests.Application("kuma", bed.RepoUrl, "charts/kuma", "uptime", """
              syncPolicy:
                automated: {prune: true, selfHeal: true}
                syncOptions: [CreateNamespace=true]
            """.Replace("\n  ", "\n  ", StringComparison.Ordinal)).Replace("    path: charts/kuma", """
                path: charts/kuma
                helm:
                  releaseName: uptime-kuma
                  valueFiles: [values-homelab.yaml]
                  valuesObject:
                    host: status.home.arpa
            """.TrimEnd(), StringComparison.Ordinal));

        var whoami = await bed.WaitForAppAsync("whoami-dev", a => Sync(a) == "Synced" && Health(a) == "Healthy", "the overlay synced");
        Assert.Equal("Kustomize", whoami.GetString("status", "sourceType"));
        Assert.NotNull(await bed.GetAsync("apps/v1", "Deployment", "whoami-dev", "dev-web"));

        var kuma = await bed.WaitForAppAsync("kuma", a => Sync(a) == "Synced" && Health(a) == "Healthy", "the chart synced");
        Assert.Equal("Helm", kuma.GetString("status", "sourceType"));
        var deployment = await bed.GetAsync("apps/v1", "Deployment", "uptime", "uptime-kuma");
        Assert.NotNull(deployment);
        Assert.Equal("louislam/uptime-kuma:2", Image(deployment));
        Assert.Equal("status.home.arpa", deployment.GetAnnotation("host"));
    }

    [Fact]
    public async Task Multi_source_Helm_app_reads_a_value_file_from_a_ref_source()
    {
        bed.Commit("chart", ("charts/kuma/Chart.yaml", Chart), ("charts/kuma/values.yaml", ChartValues), ("charts/kuma/templates/deployment.yaml", ChartDeployment));
        Fixtures.ApplicationsFixture.CommitAndPush(bed.ValuesRepo, "values", ("kuma/values.yaml", "image: louislam/uptime-kuma:3\n"));
        await bed.CreateAsync($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: kuma-multi, namespace: argocd}
            spec:
              project: default
              sources:
                - repoURL: {{bed.RepoUrl}}
                  targetRevision: main
                  path: charts/kuma
                  helm:
                    valueFiles: [$values/kuma/values.yaml]
                - repoURL: {{bed.ValuesRepoUrl}}
                  targetRevision: main
                  ref: values
              destination: {server: https://kubernetes.default.svc, namespace: kuma-multi}
              syncPolicy:
                automated: {prune: true}
                syncOptions: [CreateNamespace=true]
            """);

        var app = await bed.WaitForAppAsync("kuma-multi", a => Sync(a) == "Synced", "the multi-source app synced");
        Assert.Equal(2, app.Get("status", "sync", "revisions")!.AsArray().Count);
        var deployment = await bed.GetAsync("apps/v1", "Deployment", "kuma-multi", "kuma-multi");
        Assert.Equal("louislam/uptime-kuma:3", Image(deployment!));
    }

    [Fact]
    public async Task Project_permits_its_destinations_and_repositories_only()
    {
        await bed.CreateAsync($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: AppProject
            metadata: {name: homelab, namespace: argocd}
            spec:
              sourceRepos: [{{bed.RepoUrl}}]
              destinations:
                - {server: https://kubernetes.default.svc, namespace: 'media-*'}
              clusterResourceWhitelist: [{group: '', kind: Namespace}]
              namespaceResourceWhitelist: [{group: apps, kind: Deployment}]
            """);
        bed.Commit("project apps", ("media/web.yaml", Manifests.Deployment("web", "nginx:1.27")), ("media-cm/cm.yaml", Manifests.ConfigMap("not-allowed")));

        await bed.CreateAsync(Manifests.Application("media-ok", bed.RepoUrl, "media", "media-ok", Manifests.AutomatedWithNamespace, project: "homelab"));
        await bed.CreateAsync(Manifests.Application("media-wrong-ns", bed.RepoUrl, "media", "downloads", Manifests.AutomatedWithNamespace, project: "homelab"));
        await bed.CreateAsync(Manifests.Application("media-wrong-repo", bed.ValuesRepoUrl, "media", "media-repo", Manifests.AutomatedWithNamespace, project: "homelab"));
        await bed.CreateAsync(Manifests.Application("media-kind", bed.RepoUrl, "media-cm", "media-kind", Manifests.AutomatedWithNamespace, project: "homelab"));

        await bed.WaitForAppAsync("media-ok", a => Sync(a) == "Synced" && Health(a) == "Healthy", "the permitted app synced");
        await bed.WaitForAppAsync("media-wrong-ns", a => HasCondition(a, "InvalidSpecError", "application destination server 'https://kubernetes.default.svc' and namespace 'downloads' do not match any of the allowed destinations in project 'homelab'"), "the destination refused");
        await bed.WaitForAppAsync("media-wrong-repo", a => HasCondition(a, "InvalidSpecError", $"application repo {bed.ValuesRepoUrl} is not permitted in project 'homelab'"), "the repository refused");
        // The sync fails before applying anything (and is retried by the automated retry policy).
        var kind = await bed.WaitForAppAsync("media-kind", a => (a.GetString("status", "operationState", "message") ?? "").Contains("resource :ConfigMap is not permitted in project homelab", StringComparison.Ordinal), "the forbidden kind fails the sync");
        Assert.Equal("OutOfSync", Sync(kind));

        Assert.True(await bed.GoneAsync("apps/v1", "Deployment", "downloads", "web"));
        Assert.True(await bed.GoneAsync("apps/v1", "Deployment", "media-repo", "web"));
        Assert.True(await bed.GoneAsync("v1", "ConfigMap", "media-kind", "not-allowed"));
    }

    [Fact]
    public async Task Bad_input_is_reported_with_Argo_conditions_and_nothing_is_applied()
    {
        bed.Commit("bad", ("bad-chart/Chart.yaml", Chart), ("bad-chart/templates/deployment.yaml", ChartDeployment), ("bad-chart/values.yaml", ChartValues));
        await bed.CreateAsync(Manifests.Application("bad-path", bed.RepoUrl, "does/not/exist", "bad-path", Manifests.AutomatedWithNamespace));
        await bed.CreateAsync(Manifests.Application("bad-values", bed.RepoUrl, "bad-chart", "bad-values", Manifests.AutomatedWithNamespace).Replace("    path: bad-chart", "    path: bad-chart\n    helm:\n      valueFiles: [missing-values.yaml]", StringComparison.Ordinal));
        await bed.CreateAsync(Manifests.Application("bad-cluster", bed.RepoUrl, "bad-chart", "bad-cluster", Manifests.AutomatedWithNamespace).Replace("https://kubernetes.default.svc", "https://other.cluster:6443", StringComparison.Ordinal));
        await bed.CreateAsync($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: bad-destination, namespace: argocd}
            spec:
              source: {repoURL: {{bed.RepoUrl}}, path: bad-chart}
            """);

        await bed.WaitForAppAsync("bad-path", a => HasCondition(a, "ComparisonError", "does/not/exist") && Sync(a) == "Unknown", "ComparisonError for the path");
        await bed.WaitForAppAsync("bad-values", a => HasCondition(a, "ComparisonError", "missing-values.yaml"), "ComparisonError naming the value file");
        await bed.WaitForAppAsync("bad-cluster", a => HasCondition(a, "InvalidSpecError", "there are no clusters with this URL: https://other.cluster:6443"), "InvalidSpecError for the cluster");
        await bed.WaitForAppAsync("bad-destination", a => HasCondition(a, "InvalidSpecError", "Destination server missing from app spec"), "InvalidSpecError for the destination");

        foreach (var ns in new[] { "bad-path", "bad-values", "bad-cluster" })
        {
            Assert.True(await bed.GoneAsync("v1", "Namespace", null, ns), ns);
        }

        Assert.True(await bed.GoneAsync("apps/v1", "Deployment", "default", "bad-destination"));
    }
}
