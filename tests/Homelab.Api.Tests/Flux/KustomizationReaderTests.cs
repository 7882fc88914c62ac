using Homelab.Api.Flux;
using Homelab.Api.Tests.Infrastructure;

namespace Homelab.Api.Tests.Flux;

public sealed class KustomizationReaderTests
{
    // From a seed homelab guide (Flux "apps" Kustomization).
    private const string SeedApps = """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: apps
          namespace: flux-system
        spec:
          interval: 10m             # How often to reconcile
          sourceRef:
            kind: GitRepository
            name: automation
          path: ./kubernetes/apps   # Path in Git repo
          prune: true               # Delete resources removed from Git
          wait: true                # Wait for resources to be ready
        """;

    [Fact]
    public void ReadsSeedWithFluxDefaults()
    {
        var result = KustomizationReader.Read(Yaml.One(SeedApps));

        Problems.None(result);
        var spec = result.Spec;
        Assert.Equal(TimeSpan.FromMinutes(10), spec.Interval);
        Assert.Equal(TimeSpan.FromMinutes(10), spec.RetryInterval);
        Assert.Equal(TimeSpan.FromMinutes(9.5), spec.Timeout);
        Assert.Equal(new SourceReference("GitRepository", "automation", "flux-system"), spec.SourceRef);
        Assert.Equal("./kubernetes/apps", spec.Path);
        Assert.True(spec.Prune);
        Assert.True(spec.Wait);
        Assert.False(spec.Suspend);
        Assert.Empty(spec.DependsOn);
    }

    [Theory]
    [InlineData("45s", null, 30)]
    [InlineData("1m", null, 30)]
    [InlineData("5m", null, 270)]
    [InlineData("5m", "10s", 30)]
    [InlineData("5m", "2m", 120)]
    public void TimeoutIsIntervalLessThirtySecondsWithAThirtySecondFloor(string interval, string? timeout, int expectedSeconds)
    {
        var yaml = $"""
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {"{"}name: a, namespace: ns{"}"}
            spec:
              interval: {interval}
              {(timeout is null ? "" : $"timeout: {timeout}")}
              sourceRef: {"{"}kind: GitRepository, name: repo{"}"}
              prune: false
            """;

        var result = KustomizationReader.Read(Yaml.One(yaml));

        Assert.True(result.IsValid, result.Describe(Homelab.Api.Specs.SpecProblemKind.Invalid));
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), result.Spec.Timeout);
        Assert.Equal("./", result.Spec.Path);
    }

    [Fact]
    public void ReadsEveryField()
    {
        var result = KustomizationReader.Read(Yaml.One("""
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: apps, namespace: flux-system}
            spec:
              interval: 1h
              retryInterval: 2m
              timeout: 3m
              sourceRef: {kind: GitRepository, name: repo, namespace: sources}
              path: ./apps
              prune: true
              healthChecks:
                - {apiVersion: apps/v1, kind: Deployment, name: web, namespace: web}
              dependsOn:
                - name: infra
                - {name: crds, namespace: other}
              suspend: true
              targetNamespace: apps
              force: true
              postBuild:
                substitute: {domain: home.arpa}
                substituteFrom:
                  - {kind: ConfigMap, name: vars}
                  - {kind: Secret, name: secret-vars, optional: true}
              patches:
                - patch: |-
                    - op: replace
                      path: /spec/replicas
                      value: 2
                  target: {kind: Deployment, name: web}
              images:
                - {name: nginx, newTag: "1.27"}
              components: [../components/a]
              commonMetadata:
                labels: {team: home}
              namePrefix: pre-
              nameSuffix: -suf
            """));

        Problems.None(result);
        var spec = result.Spec;
        Assert.Equal(TimeSpan.FromMinutes(2), spec.RetryInterval);
        Assert.Equal(TimeSpan.FromMinutes(3), spec.Timeout);
        Assert.Equal("sources", spec.SourceRef.Namespace);
        Assert.Equal([new DependencyReference("infra", "flux-system"), new DependencyReference("crds", "other")], spec.DependsOn);
        Assert.Equal(new HealthCheckReference("apps/v1", "Deployment", "web", "web"), Assert.Single(spec.HealthChecks));
        Assert.True(spec.Suspend && spec.Force);
        Assert.Equal("apps", spec.TargetNamespace);
        Assert.Equal("home.arpa", spec.PostBuild!.Substitute["domain"]);
        Assert.Equal([new SubstituteReference("ConfigMap", "vars", false), new SubstituteReference("Secret", "secret-vars", true)], spec.PostBuild.SubstituteFrom);
        Assert.Equal("Deployment", Assert.Single(spec.Patches)["target"]!["kind"]!.GetValue<string>());
        Assert.Equal(new ImageOverride("nginx", null, "1.27", null), Assert.Single(spec.Images));
        Assert.Equal(["../components/a"], spec.Components);
        Assert.Equal("home", spec.CommonMetadata!.Labels["team"]);
        Assert.Equal(("pre-", "-suf"), (spec.NamePrefix, spec.NameSuffix));
    }

    [Fact]
    public void ReportsAllProblemsAtOnce()
    {
        var result = KustomizationReader.Read(Yaml.One("""
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: broken, namespace: flux-system}
            spec:
              interval: 60
              retryInterval: soon
              dependsOn:
                - namespace: x
              postBuild:
                substitute: {replicas: 2}
                substituteFrom:
                  - {kind: Deployment, name: x}
            """));

        Assert.False(result.IsValid);
        Problems.HasInvalid(result, "spec.interval", "bare number");
        Problems.HasInvalid(result, "spec.retryInterval", "'soon' is not a duration");
        Problems.HasInvalid(result, "spec.sourceRef", "is required");
        Problems.HasInvalid(result, "spec.prune", "is required");
        Problems.HasInvalid(result, "spec.dependsOn[0].name", "is required");
        Problems.HasInvalid(result, "spec.postBuild.substitute.replicas", "must be a string");
        Problems.HasInvalid(result, "spec.postBuild.substituteFrom[0].kind", "'Deployment' is not one of ConfigMap, Secret");
        Assert.Equal(7, result.Invalid.Count);
    }

    [Fact]
    public void UnsupportedFieldsAreReportedWithTheirPath()
    {
        var result = KustomizationReader.Read(Yaml.One("""
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: apps, namespace: flux-system}
            spec:
              interval: 10m
              sourceRef: {kind: OCIRepository, name: repo}
              prune: true
              decryption: {provider: sops, secretRef: {name: sops-age}}
              kubeConfig: {secretRef: {name: remote}}
              serviceAccountName: deployer
              prunee: true
            """));

        Assert.True(result.IsValid, result.Describe(Homelab.Api.Specs.SpecProblemKind.Invalid));
        Problems.HasUnsupported(result, "spec.decryption");
        Problems.HasUnsupported(result, "spec.kubeConfig");
        Problems.HasUnsupported(result, "spec.serviceAccountName");
        Problems.HasUnsupported(result, "spec.sourceRef.kind");
        Problems.HasUnsupported(result, "spec.prunee");
        Assert.Contains("SOPS", result.Unsupported.Single(p => p.Path == "spec.decryption").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownSourceKindIsInvalid()
    {
        var result = KustomizationReader.Read(Yaml.One("""
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: apps, namespace: flux-system}
            spec:
              interval: 0s
              sourceRef: {kind: HelmRepository, name: repo}
              prune: true
            """));

        Problems.HasInvalid(result, "spec.sourceRef.kind", "'HelmRepository' is not one of GitRepository, OCIRepository, Bucket");
        Problems.HasInvalid(result, "spec.interval", "greater than zero");
    }
}
