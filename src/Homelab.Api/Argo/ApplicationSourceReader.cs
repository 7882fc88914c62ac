using Homelab.Api.Specs;

namespace Homelab.Api.Argo;

/// <summary>Reads one Application source; shared by Applications and the templates of ApplicationSets.</summary>
internal static class ApplicationSourceReader
{
    public const string DefaultTargetRevision = "HEAD";

    public static ApplicationSource Read(SpecFields source)
    {
        source.OnlyKnown("repoURL", "targetRevision", "path", "chart", "ref", "directory", "helm", "kustomize", "plugin", "name");
        source.Unsupported("plugin", "config management plugins are not supported; render with Helm, Kustomize or plain YAML");
        source.Unsupported("name", "source names are not used yet");
        return new ApplicationSource(
            source.RequiredString("repoURL"),
            source.String("targetRevision") is { Length: > 0 } revision ? revision : DefaultTargetRevision,
            source.String("path"),
            source.String("chart"),
            source.String("ref"),
            ReadDirectory(source.Object("directory")),
            ReadHelm(source.Object("helm")),
            ReadKustomize(source.Object("kustomize")));
    }

    private static DirectorySource? ReadDirectory(SpecFields? directory)
    {
        if (directory is null)
        {
            return null;
        }

        directory.OnlyKnown("recurse", "include", "exclude", "jsonnet");
        directory.Unsupported("jsonnet", "Jsonnet is not supported; only YAML and JSON files are read");
        return new DirectorySource(directory.Bool("recurse"), directory.String("include"), directory.String("exclude"));
    }

    private static HelmSource? ReadHelm(SpecFields? helm)
    {
        if (helm is null)
        {
            return null;
        }

        helm.OnlyKnown("valueFiles", "values", "valuesObject", "parameters", "releaseName", "ignoreMissingValueFiles",
            "skipCrds", "namespace", "fileParameters", "passCredentials", "version", "kubeVersion", "apiVersions", "skipTests", "skipSchemaValidation");
        helm.Unsupported("fileParameters", "file parameters are not supported yet; use valueFiles or valuesObject");
        helm.Unsupported("passCredentials", "passing credentials to other hosts is not supported");
        helm.Unsupported("version", "Helm 2 is not supported; Helm 4 is always used");
        helm.Unsupported("kubeVersion", "a custom Kubernetes version for templates is not supported yet");
        helm.Unsupported("apiVersions", "custom API versions for templates are not supported yet");
        helm.Unsupported("skipTests", "test hooks are always skipped by helm template");
        helm.Unsupported("skipSchemaValidation", "schema validation cannot be skipped yet");
        var parameters = helm.Objects("parameters").Select(p =>
        {
            p.OnlyKnown("name", "value", "forceString");
            return new HelmSourceParameter(p.RequiredString("name"), p.String("value") ?? "", p.Bool("forceString"));
        });
        return new HelmSource(
            helm.Strings("valueFiles"),
            helm.String("values"),
            helm.RawObject("valuesObject"),
            [.. parameters],
            helm.String("releaseName"),
            helm.Bool("ignoreMissingValueFiles"),
            helm.Bool("skipCrds"),
            helm.String("namespace"));
    }

    private static KustomizeSource? ReadKustomize(SpecFields? kustomize)
    {
        if (kustomize is null)
        {
            return null;
        }

        kustomize.OnlyKnown("namePrefix", "nameSuffix", "commonLabels", "commonAnnotations", "images", "replicas", "patches",
            "components", "namespace", "version", "forceCommonLabels", "forceCommonAnnotations", "commonAnnotationsEnvsubst",
            "labelWithoutSelector", "kubeVersion", "apiVersions");
        foreach (var key in new[] { "version", "forceCommonLabels", "forceCommonAnnotations", "commonAnnotationsEnvsubst", "labelWithoutSelector", "kubeVersion", "apiVersions" })
        {
            kustomize.Unsupported(key, "this kustomize setting is not supported yet");
        }

        var replicas = kustomize.Objects("replicas").Select(r =>
        {
            r.OnlyKnown("name", "count");
            return new KustomizeReplica(r.RequiredString("name"), r.Integer("count") ?? 0);
        });
        return new KustomizeSource(
            kustomize.String("namePrefix"),
            kustomize.String("nameSuffix"),
            kustomize.StringMap("commonLabels"),
            kustomize.StringMap("commonAnnotations"),
            kustomize.Strings("images"),
            [.. replicas],
            [.. kustomize.Objects("patches").Select(p => p.Self())],
            kustomize.Strings("components"),
            kustomize.String("namespace"));
    }
}
