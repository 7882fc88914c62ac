using Homelab.Api.Argo;
using Homelab.Api.Tests.Infrastructure;

namespace Homelab.Api.Tests.Argo;

public sealed class ApplicationReaderTests
{
    [Fact]
    public void ReadsSeedApplication()
    {
        var result = ApplicationReader.Read(Yaml.One("""
            # k8s/argocd/applications/media.yaml
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: media
              namespace: argocd
            spec:
              project: default
              source:
                repoURL: https://github.com/yourusername/rinzler
                targetRevision: main
                path: k8s/media
              destination:
                server: https://kubernetes.default.svc
                namespace: media
              syncPolicy:
                automated:
                  prune: true
                  selfHeal: true
                syncOptions:
                - CreateNamespace=true
                - PruneLast=true
            """));

        Problems.None(result);
        var spec = result.Spec;
        var source = Assert.Single(spec.Sources);
        Assert.False(spec.IsMultiSource);
        Assert.Equal(("https://github.com/yourusername/rinzler", "main", "k8s/media"), (source.RepoUrl, source.TargetRevision, source.Path));
        Assert.Equal(new ApplicationDestination("https://kubernetes.default.svc", null, "media"), spec.Destination);
        Assert.Equal(new AutomatedSync(true, true, true, false), spec.SyncPolicy!.Automated);
        Assert.Equal(["CreateNamespace=true", "PruneLast=true"], spec.SyncPolicy.SyncOptions);
        Assert.Null(spec.SyncPolicy.Retry);
        Assert.Equal(10, spec.RevisionHistoryLimit);
    }

    [Fact]
    public void AppliesDefaults()
    {
        var result = ApplicationReader.Read(Yaml.One("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: guestbook, namespace: argocd}
            spec:
              source: {repoURL: https://github.com/argoproj/argocd-example-apps, path: guestbook}
              destination: {name: in-cluster, namespace: guestbook}
              syncPolicy:
                retry:
                  limit: 3
            """));

        Problems.None(result);
        Assert.Equal("HEAD", result.Spec.Sources[0].TargetRevision);
        Assert.Equal("default", result.Spec.Project);
        Assert.Null(result.Spec.SyncPolicy!.Automated);
        Assert.Equal(new RetryStrategy(3, TimeSpan.FromSeconds(5), 2, TimeSpan.FromMinutes(3)), result.Spec.SyncPolicy.Retry);
        Assert.Equal(new ApplicationDestination(null, "in-cluster", "guestbook"), result.Spec.Destination);
    }

    [Fact]
    public void ReadsMultipleSourcesWithHelmAndKustomize()
    {
        var result = ApplicationReader.Read(Yaml.One("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: monitoring, namespace: argocd}
            spec:
              project: platform
              revisionHistoryLimit: 3
              sources:
                - repoURL: https://prometheus-community.github.io/helm-charts
                  chart: kube-prometheus-stack
                  targetRevision: 65.1.0
                  helm:
                    releaseName: kps
                    valueFiles: [$values/monitoring/values.yaml]
                    values: |
                      grafana:
                        enabled: false
                    valuesObject: {alertmanager: {enabled: false}}
                    parameters:
                      - {name: prometheus.replicas, value: "2", forceString: true}
                - repoURL: https://github.com/homelab-dev/homelab
                  targetRevision: main
                  ref: values
                - repoURL: https://github.com/homelab-dev/homelab
                  path: overlays/prod
                  kustomize:
                    namePrefix: prod-
                    commonLabels: {env: prod}
                    images: [nginx:1.27]
                    replicas: [{name: web, count: 3}]
                - repoURL: https://github.com/homelab-dev/homelab
                  path: manifests
                  directory: {recurse: true, include: "*.yaml", exclude: "test-*"}
              destination: {server: https://kubernetes.default.svc, namespace: monitoring}
              ignoreDifferences:
                - group: apps
                  kind: Deployment
                  jsonPointers: [/spec/replicas]
                  managedFieldsManagers: [kube-controller-manager]
              syncPolicy:
                automated: {prune: true, allowEmpty: true}
                retry:
                  limit: -1
                  backoff: {duration: 10s, factor: 3, maxDuration: 5m}
            """));

        Problems.None(result);
        var spec = result.Spec;
        Assert.True(spec.IsMultiSource);
        Assert.Equal(4, spec.Sources.Count);
        var helm = spec.Sources[0].Helm!;
        Assert.Equal("kube-prometheus-stack", spec.Sources[0].Chart);
        Assert.Equal("kps", helm.ReleaseName);
        Assert.Equal(["$values/monitoring/values.yaml"], helm.ValueFiles);
        Assert.Contains("grafana:", helm.Values, StringComparison.Ordinal);
        Assert.False(helm.ValuesObject!["alertmanager"]!["enabled"]!.GetValue<bool>());
        Assert.Equal(new HelmSourceParameter("prometheus.replicas", "2", true), Assert.Single(helm.Parameters));
        Assert.Equal("values", spec.Sources[1].Ref);
        var kustomize = spec.Sources[2].Kustomize!;
        Assert.Equal("prod-", kustomize.NamePrefix);
        Assert.Equal("prod", kustomize.CommonLabels["env"]);
        Assert.Equal(new KustomizeReplica("web", 3), Assert.Single(kustomize.Replicas));
        Assert.Equal(new DirectorySource(true, "*.yaml", "test-*"), spec.Sources[3].Directory);
        Assert.Equal(3, spec.RevisionHistoryLimit);
        Assert.Equal(["/spec/replicas"], Assert.Single(spec.IgnoreDifferences).JsonPointers);
        Assert.Equal(new AutomatedSync(true, true, false, true), spec.SyncPolicy!.Automated);
        Assert.Equal(new RetryStrategy(-1, TimeSpan.FromSeconds(10), 3, TimeSpan.FromMinutes(5)), spec.SyncPolicy.Retry);
    }

    [Fact]
    public void SourceAndSourcesTogetherIsInvalid()
    {
        var result = ApplicationReader.Read(Yaml.One("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: a, namespace: argocd}
            spec:
              source: {repoURL: https://example.com/a.git}
              sources: [{repoURL: https://example.com/b.git}]
              destination: {server: https://kubernetes.default.svc}
            """));

        Problems.HasInvalid(result, "spec", "must not have both source and sources");
    }

    [Fact]
    public void MissingSourceAndDestinationAreInvalidWithArgoWording()
    {
        var result = ApplicationReader.Read(Yaml.One("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: a, namespace: argocd}
            spec:
              project: default
            """));

        Problems.HasInvalid(result, "spec.source", "must have a source or sources");
        Problems.HasInvalid(result, "spec.destination", "Destination server missing from app spec");
    }

    [Fact]
    public void DestinationWithBothServerAndNameIsInvalid()
    {
        var result = ApplicationReader.Read(Yaml.One("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: a, namespace: argocd}
            spec:
              source: {repoURL: https://example.com/a.git, path: x}
              destination: {server: https://kubernetes.default.svc, name: in-cluster}
              syncPolicy:
                retry:
                  backoff: {duration: 5}
            """));

        Problems.HasInvalid(result, "spec.destination", "can't have both name and server defined");
        Problems.HasInvalid(result, "spec.syncPolicy.retry.backoff.duration", "bare number");
    }

    [Fact]
    public void UnsupportedSourceFeaturesAreReported()
    {
        var result = ApplicationReader.Read(Yaml.One("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: a, namespace: argocd}
            spec:
              source:
                repoURL: https://example.com/a.git
                path: x
                plugin: {name: tanka}
                helm:
                  fileParameters: [{name: cert, path: cert.pem}]
              destination: {server: https://kubernetes.default.svc}
            """));

        Assert.True(result.IsValid);
        Problems.HasUnsupported(result, "spec.source.plugin");
        Problems.HasUnsupported(result, "spec.source.helm.fileParameters");
    }
}
