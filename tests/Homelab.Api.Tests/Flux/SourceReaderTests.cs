using Homelab.Api.Flux;
using Homelab.Api.Tests.Infrastructure;

namespace Homelab.Api.Tests.Flux;

public sealed class SourceReaderTests
{
    [Fact]
    public void ReadsSeedGitRepository()
    {
        var result = GitRepositoryReader.Read(Yaml.One("""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata:
              name: automation
              namespace: flux-system
            spec:
              interval: 1m              # How often to check for new commits
              url: https://github.com/rjeans/automation
              ref:
                branch: main
            """));

        Problems.None(result);
        Assert.Equal("https://github.com/rjeans/automation", result.Spec.Url);
        Assert.Equal(new GitReference("main", null, null, null, null), result.Spec.Ref);
        Assert.Equal(TimeSpan.FromMinutes(1), result.Spec.Interval);
        Assert.Equal(TimeSpan.FromSeconds(60), result.Spec.Timeout);
        Assert.Null(result.Spec.SecretRef);
    }

    [Fact]
    public void GitRepositoryWithoutRefFollowsMaster()
    {
        var result = GitRepositoryReader.Read(Yaml.One("""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata: {name: repo, namespace: flux-system}
            spec:
              interval: 5m
              timeout: 2m
              url: ssh://git@example.com/repo.git
              secretRef: {name: deploy-key}
              ignore: |
                /*
                !/deploy
              suspend: true
            """));

        Problems.None(result);
        Assert.Equal("master", result.Spec.Ref.Branch);
        Assert.Equal("deploy-key", result.Spec.SecretRef);
        Assert.Equal(TimeSpan.FromMinutes(2), result.Spec.Timeout);
        Assert.Contains("!/deploy", result.Spec.Ignore, StringComparison.Ordinal);
        Assert.True(result.Spec.Suspend);
    }

    [Fact]
    public void GitRepositoryProblems()
    {
        var result = GitRepositoryReader.Read(Yaml.One("""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata: {name: repo, namespace: flux-system}
            spec:
              url: ftp://example.com/repo
              ref: {tag: v1.0.0}
              verify: {mode: HEAD, secretRef: {name: pgp}}
              include: [{repository: {name: other}}]
              recurseSubmodules: true
              proxySecretRef: {name: proxy}
            """));

        Problems.HasInvalid(result, "spec.url", "scheme http, https, ssh");
        Problems.HasInvalid(result, "spec.interval", "is required");
        Assert.Equal(2, result.Invalid.Count);
        foreach (var field in new[] { "verify", "include", "recurseSubmodules", "proxySecretRef" })
        {
            Problems.HasUnsupported(result, $"spec.{field}");
        }

        Assert.Equal("v1.0.0", result.Spec.Ref.Tag);
    }

    [Fact]
    public void ReadsSeedHelmRepository()
    {
        var result = HelmRepositoryReader.Read(Yaml.One("""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: HelmRepository
            metadata:
              name: traefik
              namespace: flux-system
            spec:
              interval: 1h              # How often to check for new chart versions
              url: https://traefik.github.io/charts
            """));

        Problems.None(result);
        Assert.Equal("default", result.Spec.Type);
        Assert.False(result.Spec.IsOci);
        Assert.Equal(TimeSpan.FromHours(1), result.Spec.Interval);
    }

    [Fact]
    public void HelmRepositoryTypeDecidesTheUrlScheme()
    {
        var oci = HelmRepositoryReader.Read(Yaml.One("""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: HelmRepository
            metadata: {name: podinfo, namespace: flux-system}
            spec:
              type: oci
              url: oci://ghcr.io/stefanprodan/charts
              secretRef: {name: ghcr}
            """));
        var wrong = HelmRepositoryReader.Read(Yaml.One("""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: HelmRepository
            metadata: {name: podinfo, namespace: flux-system}
            spec:
              type: git
              interval: 1h
              url: oci://ghcr.io/stefanprodan/charts
            """));

        Problems.None(oci);
        Assert.True(oci.Spec.IsOci);
        Assert.Equal("ghcr", oci.Spec.SecretRef);
        Problems.HasInvalid(wrong, "spec.type", "'git' is not one of default, oci");
        Problems.HasInvalid(wrong, "spec.url", "scheme http, https");
    }
}
