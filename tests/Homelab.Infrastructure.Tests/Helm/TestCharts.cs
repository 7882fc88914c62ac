using Homelab.Manifests.Tools;

namespace Homelab.Infrastructure.Tests.Helm;

/// <summary>
/// Writes small charts and packages them with the real, pinned <c>helm</c> (<c>helm package</c>, <c>helm repo index</c>),
/// with private helm folders so the machine's own helm setup is never read or written.
/// </summary>
public static class TestCharts
{
    /// <summary>
    /// A chart whose objects follow its values: a ConfigMap <c>&lt;release&gt;-config</c> with <c>.Values.message</c>, a
    /// Deployment <c>&lt;release&gt;</c> (annotated <c>devcluster.homelab.dev/simulate</c> when <c>.Values.simulate</c> is set),
    /// and, when <c>.Values.extra</c> is true, a ConfigMap <c>&lt;release&gt;-extra</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Files(string name, string version, string? brokenTemplate = null) => new Dictionary<string, string>
    {
        ["Chart.yaml"] = $"apiVersion: v2\nname: {name}\nversion: {version}\nappVersion: \"{version}-app\"\n",
        ["values.yaml"] = "message: hello\nsimulate: \"\"\nextra: false\nreplicas: 1\n",
        ["templates/configmap.yaml"] = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-config
            data:
              message: {{ .Values.message | quote }}
              chartVersion: {{ .Chart.Version | quote }}
            """,
        ["templates/deployment.yaml"] = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}
              {{- if .Values.simulate }}
              annotations:
                devcluster.homelab.dev/simulate: {{ .Values.simulate | quote }}
              {{- end }}
            spec:
              replicas: {{ .Values.replicas }}
              selector:
                matchLabels:
                  app: {{ .Release.Name }}
              template:
                metadata:
                  labels:
                    app: {{ .Release.Name }}
                spec:
                  containers:
                    - name: main
                      image: "nginx:1.27"
            """,
        ["templates/extra.yaml"] = """
            {{- if .Values.extra }}
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-extra
            data:
              extra: "yes"
            {{- end }}
            """,
        ["templates/broken.yaml"] = brokenTemplate ?? "",
    };

    public static void Write(string directory, IReadOnlyDictionary<string, string> files)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
    }

    /// <summary>Packages each chart into <paramref name="repository"/> and writes its index.yaml; a chart with a broken template still packages.</summary>
    public static Task PublishAsync(string repository, params (string Name, string Version)[] charts) =>
        PublishAsync(repository, [.. charts.Select(c => (c.Name, c.Version, (string?)null))]);

    public static async Task PublishAsync(string repository, IReadOnlyList<(string Name, string Version, string? BrokenTemplate)> charts)
    {
        Directory.CreateDirectory(repository);
        using var work = new TempDirectory();
        foreach (var (name, version, broken) in charts)
        {
            var chart = Path.Combine(work.Path, $"{name}-{version}", name);
            Write(chart, Files(name, version, broken));
            await HelmAsync(work.Path, "package", chart, "--destination", repository);
        }

        await HelmAsync(work.Path, "repo", "index", repository);
    }

    private static async Task HelmAsync(string home, params string[] args)
    {
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["HELM_CACHE_HOME"] = Path.Combine(home, ".helm-cache"),
            ["HELM_CONFIG_HOME"] = Path.Combine(home, ".helm-config"),
            ["HELM_DATA_HOME"] = Path.Combine(home, ".helm-data"),
        };
        var result = await ProcessRunner.RunAsync(KubeToolLocator.Pinned.Locate(KubeTool.Helm), args, home, environment, TimeSpan.FromSeconds(60));
        Assert.True(result.Succeeded, $"helm {string.Join(' ', args)} failed ({result.ExitCode}):\n{result.StandardError}");
    }
}
