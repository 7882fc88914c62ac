using Homelab.Api.Argo;
using Homelab.Api.Tests.Infrastructure;

namespace Homelab.Api.Tests.Argo;

public sealed class ApplicationSetAndProjectReaderTests
{
    [Fact]
    public void ReadsSeedListGenerator()
    {
        var result = ApplicationSetReader.Read(Yaml.One("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: wordpress-multi-env
            spec:
              generators:
              - list:
                  elements:
                  - env: dev
                  - env: staging
                  - env: prod
              template:
                metadata:
                  name: 'wordpress-{{env}}'
                spec:
                  source:
                    path: 'environments/{{env}}'
            """));

        Problems.None(result);
        var list = Assert.Single(result.Spec.Generators).List!;
        Assert.Equal(["dev", "staging", "prod"], list.Elements.Select(e => e["env"]!.GetValue<string>()));
        Assert.Equal("wordpress-{{env}}", result.Spec.Template["metadata"]!["name"]!.GetValue<string>());
        Assert.False(result.Spec.GoTemplate);
    }

    [Fact]
    public void ReadsGitGenerators()
    {
        var result = ApplicationSetReader.Read(Yaml.One("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: stacks, namespace: argocd}
            spec:
              goTemplate: true
              goTemplateOptions: ["missingkey=error"]
              syncPolicy: {preserveResourcesOnDeletion: true}
              generators:
                - git:
                    repoURL: https://github.com/homelab-dev/homelab
                    revision: main
                    directories:
                      - path: applications/stacks/*
                      - path: applications/stacks/legacy
                        exclude: true
                - git:
                    repoURL: https://github.com/homelab-dev/homelab
                    files:
                      - path: clusters/*/config.json
              template:
                metadata: {name: '{{.path.basename}}'}
                spec: {project: homelab}
            """));

        Problems.None(result);
        var spec = result.Spec;
        Assert.True(spec.GoTemplate);
        Assert.True(spec.PreserveResourcesOnDeletion);
        Assert.Equal(["missingkey=error"], spec.GoTemplateOptions);
        var directories = spec.Generators[0].Git!;
        Assert.Equal([new GitDirectoryPattern("applications/stacks/*", false), new GitDirectoryPattern("applications/stacks/legacy", true)], directories.Directories);
        Assert.Equal("main", directories.Revision);
        Assert.Equal(["clusters/*/config.json"], spec.Generators[1].Git!.Files);
        Assert.Equal("HEAD", spec.Generators[1].Git!.Revision);
    }

    [Fact]
    public void OtherGeneratorsAreUnsupportedAndTemplateIsRequired()
    {
        var result = ApplicationSetReader.Read(Yaml.One("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: x, namespace: argocd}
            spec:
              generators:
                - clusters: {}
                - matrix: {generators: []}
                - git: {repoURL: https://example.com/repo.git}
            """));

        Problems.HasUnsupported(result, "spec.generators[0].clusters");
        Problems.HasUnsupported(result, "spec.generators[1].matrix");
        Problems.HasInvalid(result, "spec.generators[2].git", "needs directories or files");
        Problems.HasInvalid(result, "spec.template", "is required");
    }

    [Fact]
    public void ReadsSeedProject()
    {
        var result = AppProjectReader.Read(Yaml.One("""
            apiVersion: argoproj.io/v1alpha1
            kind: AppProject
            metadata:
              name: platform
              namespace: argocd
            spec:
              description: Platform infrastructure services
              sourceRepos:
              - 'git://gitops-git-daemon.gitops-system.svc.cluster.local/gitops.git'
              destinations:
              - namespace: deployer
                server: https://kubernetes.default.svc
              - namespace: '*'
                server: https://kubernetes.default.svc
              clusterResourceWhitelist:
              - group: '*'
                kind: '*'
              namespaceResourceBlacklist:
              - group: ''
                kind: ResourceQuota
            """));

        Problems.None(result);
        var spec = result.Spec;
        Assert.Equal("Platform infrastructure services", spec.Description);
        Assert.Equal(["git://gitops-git-daemon.gitops-system.svc.cluster.local/gitops.git"], spec.SourceRepos);
        Assert.Equal(new ApplicationDestination("https://kubernetes.default.svc", null, "*"), spec.Destinations[1]);
        Assert.Equal(new GroupKind("*", "*"), Assert.Single(spec.ClusterResourceWhitelist));
        Assert.Equal(new GroupKind("", "ResourceQuota"), Assert.Single(spec.NamespaceResourceBlacklist));
        Assert.Empty(spec.NamespaceResourceWhitelist);
    }

    [Fact]
    public void ProjectProblems()
    {
        var result = AppProjectReader.Read(Yaml.One("""
            apiVersion: argoproj.io/v1alpha1
            kind: AppProject
            metadata: {name: p, namespace: argocd}
            spec:
              sourceRepos: https://example.com/one.git
              clusterResourceWhitelist:
                - group: ''
              syncWindows:
                - {kind: allow, schedule: '10 1 * * *', duration: 1h}
            """));

        Problems.HasInvalid(result, "spec.sourceRepos", "must be a list");
        Problems.HasInvalid(result, "spec.clusterResourceWhitelist[0].kind", "is required");
        Problems.HasUnsupported(result, "spec.syncWindows");
    }
}
