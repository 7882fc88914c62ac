namespace Homelab.Testing;

/// <summary>The Flux objects (and the plain objects they apply) that tests create, written as users write them.</summary>
public static class FluxYaml
{
    public const string KustomizationApiVersion = "kustomize.toolkit.fluxcd.io/v1";
    public const string SourceApiVersion = "source.toolkit.fluxcd.io/v1";

    public static string GitRepository(string ns, string name, string url, string interval = "1h", string branch = "main") => $"""
        apiVersion: {SourceApiVersion}
        kind: GitRepository
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          url: {url}
          interval: {interval}
          ref:
            branch: {branch}
        """;

    /// <summary>A Kustomization; <paramref name="extra"/> is more spec lines, indented by two spaces.</summary>
    public static string Kustomization(string ns, string name, string path, string source = "repo", bool prune = true, string interval = "1h", string extra = "") => $"""
        apiVersion: {KustomizationApiVersion}
        kind: Kustomization
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          interval: {interval}
          path: {path}
          prune: {(prune ? "true" : "false")}
          sourceRef:
            kind: GitRepository
            name: {source}
        {extra}
        """;

    public static string ConfigMap(string name, string? ns = null, string value = "1", string annotations = "") => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {name}
        {(ns is null ? "" : $"  namespace: {ns}")}
        {annotations}
        data:
          value: "{value}"
        """;

    /// <summary>A one-replica nginx Deployment; <paramref name="containerPort"/> adds a port for a Service to target.</summary>
    public static string Deployment(string name, string ns, string simulate = "", int? containerPort = null) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: {ns}
        {(simulate.Length == 0 ? "" : $"  annotations:\n    devcluster.homelab.dev/simulate: {simulate}")}
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
              - name: app
                image: nginx:1.27
        {(containerPort is { } port ? $"        ports:\n        - containerPort: {port}" : "")}
        """;

    public static string Namespace(string name) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {name}
        """;
}
