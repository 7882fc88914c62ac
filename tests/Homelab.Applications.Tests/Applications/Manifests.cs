namespace Homelab.Applications.Tests.Applications;

/// <summary>YAML the test repositories hold.</summary>
internal static class Manifests
{
    public static string Deployment(string name, string image, string annotations = "") => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        {{(annotations.Length == 0 ? "" : "  annotations:\n" + annotations)}}
        spec:
          replicas: 1
          selector:
            matchLabels: {app: {{name}}}
          template:
            metadata:
              labels: {app: {{name}}}
            spec:
              containers:
                - name: main
                  image: {{image}}
        """;

    public static string ConfigMap(string name, string annotations = "") => $$"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{name}}
        {{(annotations.Length == 0 ? "" : "  annotations:\n" + annotations)}}
        data:
          key: value
        """;

    public static string Job(string name, string annotations) => $$"""
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: {{name}}
          annotations:
        {{annotations}}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: main
                  image: busybox
        """;

    /// <summary>An Application in argocd; <paramref name="extra"/> is spliced into spec (indented by two).</summary>
    public static string Application(string name, string repoUrl, string path, string destinationNamespace, string extra = "", string project = "default") => $$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {{name}}
          namespace: argocd
        spec:
          project: {{project}}
          source:
            repoURL: {{repoUrl}}
            targetRevision: main
            path: {{path}}
          destination:
            server: https://kubernetes.default.svc
            namespace: {{destinationNamespace}}
        {{extra}}
        """;

    public const string AutomatedWithNamespace = """
          syncPolicy:
            automated:
              prune: true
              selfHeal: true
            syncOptions:
              - CreateNamespace=true
        """;

    public const string ManualWithNamespace = """
          syncPolicy:
            syncOptions:
              - CreateNamespace=true
        """;
}
