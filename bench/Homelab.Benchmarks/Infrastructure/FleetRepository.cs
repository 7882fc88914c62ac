using System.Globalization;
using System.Text;
using Homelab.Benchmarks.Git;

namespace Homelab.Benchmarks.Infrastructure;

/// <summary>
/// The benchmark's Git repository: <c>apps/kNNN/</c> folders of plain YAML (no kustomization file, so each
/// build reads the files as Flux does for a bare directory), each a few ConfigMaps, Services and Deployments.
/// </summary>
internal static class FleetRepository
{
    public const string AppsNamespace = "bench-apps";

    /// <summary>Creates <c>fleet.git</c> under <paramref name="root"/> with one commit on <c>main</c>.</summary>
    public static async Task CreateAsync(string root, int kustomizations, int objectsPerKustomization, CancellationToken cancellationToken)
    {
        var bare = Path.Combine(root, "fleet.git");
        var work = Path.Combine(root, "fleet-work");
        await GitProcess.RunAsync(root, null, cancellationToken, "init", "-q", "--bare", "--initial-branch=main", bare);
        await GitProcess.RunAsync(root, null, cancellationToken, "init", "-q", "--initial-branch=main", work);
        for (var k = 0; k < kustomizations; k++)
        {
            var folder = Path.Combine(work, "apps", Folder(k));
            Directory.CreateDirectory(folder);
            for (var o = 0; o < objectsPerKustomization; o++)
            {
                var name = $"{Folder(k)}-{o}";
                var yaml = (o % 10) switch
                {
                    < 4 => ConfigMap(name),
                    < 7 => Service(name),
                    _ => Deployment(name),
                };
                await File.WriteAllTextAsync(Path.Combine(folder, $"{name}.yaml"), yaml, cancellationToken);
            }
        }

        await GitProcess.RunAsync(work, null, cancellationToken, "add", "-A");
        await GitProcess.RunAsync(work, null, cancellationToken, "commit", "-q", "-m", "fleet");
        await GitProcess.RunAsync(work, null, cancellationToken, "push", "-q", bare, "HEAD:refs/heads/main");
    }

    public static string Folder(int k) => "k" + k.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>The GitRepository and the Kustomizations, as one YAML stream.</summary>
    public static string FluxObjects(string url, int kustomizations, string interval)
    {
        var yaml = new StringBuilder($"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {AppsNamespace}
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: flux-system
            ---
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata:
              name: fleet
              namespace: flux-system
            spec:
              url: {url}
              interval: 10m
              ref:
                branch: main

            """);
        for (var k = 0; k < kustomizations; k++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                ---
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: {Folder(k)}
                  namespace: flux-system
                spec:
                  interval: {interval}
                  path: ./apps/{Folder(k)}
                  prune: true
                  sourceRef:
                    kind: GitRepository
                    name: fleet

                """);
        }

        return yaml.ToString();
    }

    private static string ConfigMap(string name) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {name}
          namespace: {AppsNamespace}
        data:
          setting: "{name}"
          mode: production
        """;

    private static string Service(string name) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: {AppsNamespace}
        spec:
          selector:
            app: {name}
          ports:
          - name: http
            port: 80
            targetPort: 8080
        """;

    private static string Deployment(string name) => Homelab.Testing.FluxYaml.Deployment(name, AppsNamespace, containerPort: 8080);
}
