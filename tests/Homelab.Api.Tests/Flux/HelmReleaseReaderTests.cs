using Homelab.Api.Flux;
using Homelab.Api.Tests.Infrastructure;

namespace Homelab.Api.Tests.Flux;

public sealed class HelmReleaseReaderTests
{
    [Fact]
    public void ReadsSeedWithDefaults()
    {
        var result = HelmReleaseReader.Read(Yaml.One("""
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: traefik
              namespace: traefik
            spec:
              interval: 10m
              chart:
                spec:
                  chart: traefik
                  version: "33.2.1"
                  sourceRef:
                    kind: HelmRepository
                    name: traefik
                    namespace: flux-system
              values:
                # Your custom values
            """));

        Problems.None(result);
        var spec = result.Spec;
        var chart = spec.Chart!;
        Assert.Equal(("traefik", "33.2.1", "ChartVersion"), (chart.Chart, chart.Version, chart.ReconcileStrategy));
        Assert.Equal(new SourceReference("HelmRepository", "traefik", "flux-system"), chart.SourceRef);
        Assert.Empty(chart.ValuesFiles);
        Assert.Null(spec.ChartRef);
        Assert.Equal("traefik", spec.ReleaseName);
        Assert.Null(spec.Values);
        Assert.Equal(TimeSpan.FromMinutes(5), spec.Timeout);
        Assert.Equal(5, spec.MaxHistory);
        Assert.Equal(0, spec.Install.Retries);
    }

    [Fact]
    public void ReadsEveryField()
    {
        var result = HelmReleaseReader.Read(Yaml.One("""
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: grafana, namespace: flux-system}
            spec:
              interval: 30m
              timeout: 10m
              targetNamespace: monitoring
              storageNamespace: monitoring
              chart:
                spec:
                  chart: ./charts/grafana
                  reconcileStrategy: Revision
                  valuesFiles: [values.yaml, values-prod.yaml]
                  sourceRef: {kind: GitRepository, name: homelab}
              install:
                createNamespace: true
                remediation: {retries: 3}
              upgrade:
                remediation: {retries: -1, strategy: uninstall}
              values:
                replicas: 2
              valuesFrom:
                - {kind: Secret, name: grafana-admin, valuesKey: admin.yaml, targetPath: admin, optional: true}
                - {kind: ConfigMap, name: grafana-values}
              dependsOn:
                - name: prometheus
                  namespace: monitoring
              suspend: false
            """));

        Problems.None(result);
        var spec = result.Spec;
        Assert.Equal("monitoring-grafana", spec.ReleaseName);
        Assert.Equal("*", spec.Chart!.Version);
        Assert.Equal("Revision", spec.Chart.ReconcileStrategy);
        Assert.Equal(["values.yaml", "values-prod.yaml"], spec.Chart.ValuesFiles);
        Assert.Equal(new SourceReference("GitRepository", "homelab", "flux-system"), spec.Chart.SourceRef);
        Assert.Equal(new HelmActionOptions(3, true, null), spec.Install);
        Assert.Equal(new HelmActionOptions(-1, false, "uninstall"), spec.Upgrade);
        Assert.Equal(2, spec.Values!["replicas"]!.GetValue<long>());
        Assert.Equal(
            [new ValuesReference("Secret", "grafana-admin", "admin.yaml", "admin", true), new ValuesReference("ConfigMap", "grafana-values", "values.yaml", null, false)],
            spec.ValuesFrom);
        Assert.Equal(new DependencyReference("prometheus", "monitoring"), Assert.Single(spec.DependsOn));
        Assert.Equal(TimeSpan.FromMinutes(10), spec.Timeout);
    }

    [Fact]
    public void ChartAndChartRefAreExclusiveAndOneIsRequired()
    {
        var neither = HelmReleaseReader.Read(Yaml.One("""
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: x, namespace: y}
            spec:
              interval: 5
            """));
        var both = HelmReleaseReader.Read(Yaml.One("""
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: x, namespace: y}
            spec:
              interval: 5m
              chartRef: {kind: OCIRepository, name: podinfo}
              chart:
                spec:
                  sourceRef: {kind: HelmRepository, name: podinfo}
              postRenderers: [{kustomize: {}}]
            """));

        Problems.HasInvalid(neither, "spec.chart", "one of chart or chartRef is required");
        Problems.HasInvalid(neither, "spec.interval", "bare number");
        Problems.HasInvalid(both, "spec.chartRef", "mutually exclusive");
        Problems.HasInvalid(both, "spec.chart.spec.chart", "is required");
        Problems.HasUnsupported(both, "spec.chartRef");
        Assert.Single(both.Unsupported, p => p.Path.StartsWith("spec.chartRef", StringComparison.Ordinal));
        Problems.HasUnsupported(both, "spec.postRenderers");
    }
}
