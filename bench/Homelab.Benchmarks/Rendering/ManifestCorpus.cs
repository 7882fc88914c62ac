using System.Globalization;
using System.Text;

namespace Homelab.Benchmarks.Rendering;

/// <summary>Generates typical homelab manifests (Deployments, Services, ConfigMaps) for the rendering scenarios.</summary>
internal static class ManifestCorpus
{
    /// <summary>Object number <paramref name="i"/>, cycling through three common kinds.</summary>
    public static string Object(int i) => (i % 3) switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app-{{i}}
              namespace: apps
              labels:
                app.kubernetes.io/name: app-{{i}}
                app.kubernetes.io/part-of: homelab
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app.kubernetes.io/name: app-{{i}}
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: app-{{i}}
                spec:
                  containers:
                    - name: app
                      image: ghcr.io/example/app:1.{{i}}.0
                      ports:
                        - containerPort: 8080
                          name: http
                      env:
                        - name: LOG_LEVEL
                          value: info
                      resources:
                        requests: {cpu: 10m, memory: 32Mi}
                        limits: {memory: 128Mi}
                      readinessProbe:
                        httpGet: {path: /healthz, port: http}
            """),
        1 => string.Create(CultureInfo.InvariantCulture, $$"""
            apiVersion: v1
            kind: Service
            metadata:
              name: app-{{i}}
              namespace: apps
              annotations:
                homelab.dev/exposed: "true"
            spec:
              selector:
                app.kubernetes.io/name: app-{{i}}
              ports:
                - name: http
                  port: 80
                  targetPort: http
            """),
        _ => string.Create(CultureInfo.InvariantCulture, $$"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app-{{i}}-config
              namespace: apps
            data:
              enabled: "yes"
              threshold: "0755"
              config.yaml: |
                server:
                  port: 8080
                  timeout: 30s
                features: [a, b, c]
            """),
    };

    /// <summary>Writes <paramref name="objects"/> objects into <paramref name="perFile"/>-document files under a new temp folder.</summary>
    public static DirectoryInfo WriteDirectory(int objects, int perFile)
    {
        var root = Directory.CreateTempSubdirectory("homelab-bench-");
        for (var first = 0; first < objects; first += perFile)
        {
            var text = new StringBuilder();
            for (var i = first; i < Math.Min(objects, first + perFile); i++)
            {
                text.Append("---\n").Append(Object(i)).Append('\n');
            }

            var folder = Path.Combine(root.FullName, $"group-{first / 100:D3}");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"objects-{first:D5}.yaml"), text.ToString());
        }

        return root;
    }
}
