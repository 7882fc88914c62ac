using System.Text;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Tools;
using Homelab.Manifests.Yaml;

namespace Homelab.Manifests.Rendering;

/// <summary>
/// Renders a chart with the real <c>helm template</c>, the way Argo CD does: value files first, then
/// inline values through a temporary file, then <c>--set</c>/<c>--set-string</c> parameters.
/// Helm gets private cache/config/data folders so the host's helm setup cannot leak into a render.
/// </summary>
internal sealed class HelmRenderer(KubeToolLocator tools, SourceTree tree, RenderLimits limits)
{
    private const string SourceMarker = "# Source: ";

    public async Task<IReadOnlyList<KubeObject>> RenderAsync(string chartDirectory, HelmOptions options, CancellationToken cancellationToken)
    {
        var chartDisplay = tree.Display(chartDirectory);
        var chartFile = Path.Combine(chartDirectory, "Chart.yaml");
        var location = new SourceLocation(tree.Display(chartFile));
        if (!File.Exists(chartFile))
        {
            throw new ManifestException("no Chart.yaml here: not a Helm chart", new SourceLocation(chartDisplay));
        }

        tree.EnsureNoEscapingLinks(chartDirectory, limits.MaxFiles);
        var temp = System.IO.Directory.CreateTempSubdirectory("homelab-helm-");
        try
        {
            var arguments = new List<string>
            {
                "template",
                options.ReleaseName ?? Path.GetFileName(chartDirectory),
                chartDirectory,
                "--namespace",
                options.Namespace ?? "default",
            };
            if (options.IncludeCrds)
            {
                arguments.Add("--include-crds");
            }

            if (options.KubeVersion is { Length: > 0 } kubeVersion)
            {
                arguments.AddRange(["--kube-version", kubeVersion]);
            }

            foreach (var valueFile in options.ValueFiles)
            {
                arguments.AddRange(["--values", CheckValueFile(valueFile, chartDirectory, location)]);
            }

            if (InlineValues(options) is { } inline)
            {
                var path = Path.Combine(temp.FullName, "values.yaml");
                await File.WriteAllTextAsync(path, inline, cancellationToken).ConfigureAwait(false);
                arguments.AddRange(["--values", path]);
            }

            foreach (var parameter in options.Parameters)
            {
                arguments.AddRange([parameter.ForceString ? "--set-string" : "--set", $"{parameter.Name}={EscapeSetValue(parameter.Value)}"]);
            }

            var environment = new Dictionary<string, string?>
            {
                ["HELM_CACHE_HOME"] = Path.Combine(temp.FullName, "cache"),
                ["HELM_CONFIG_HOME"] = Path.Combine(temp.FullName, "config"),
                ["HELM_DATA_HOME"] = Path.Combine(temp.FullName, "data"),
            };
            var result = await ToolRun.RunAsync(tools.Locate(KubeTool.Helm), arguments, tree.Root, environment, limits, location, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw ToolError.Create("helm template", result, tree.Root, location, [temp.FullName]);
            }

            return Attribute(result.StandardOutput, chartDisplay, location);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    /// <summary>A values file must exist inside the source root and be valid YAML (checked here for a file:line error).</summary>
    private string CheckValueFile(string valueFile, string chartDirectory, SourceLocation chart)
    {
        if (valueFile.Contains("://", StringComparison.Ordinal))
        {
            throw new ManifestException($"remote values file '{valueFile}' is not allowed", chart);
        }

        var real = tree.Resolve(valueFile, chartDirectory, chart);
        var display = tree.Display(real);
        if (!File.Exists(real))
        {
            throw new ManifestException($"values file '{valueFile}' not found", new SourceLocation(display));
        }

        YamlReader.ReadNode(YamlReader.Decode(File.ReadAllBytes(real), display, limits.Yaml), display, limits.Yaml);
        return real;
    }

    /// <summary>Argo: <c>valuesObject</c> replaces <c>values</c> when both are set.</summary>
    private static string? InlineValues(HelmOptions options)
    {
        if (options.ValuesObject is { } values)
        {
            return values.ToJsonString();
        }

        if (options.Values is { Length: > 0 } text)
        {
            YamlReader.ReadNode(text, "helm values (inline)");
            return text;
        }

        return null;
    }

    /// <summary>
    /// As Argo does: commas are escaped so a value stays one value, except in <c>{a,b}</c> list syntax.
    /// </summary>
    private static string EscapeSetValue(string value)
    {
        if (value.StartsWith('{') && value.EndsWith('}'))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == ',' && (i == 0 || value[i - 1] != '\\'))
            {
                escaped.Append('\\');
            }

            escaped.Append(value[i]);
        }

        return escaped.ToString();
    }

    /// <summary>
    /// helm marks each document with <c># Source: &lt;chart&gt;/templates/x.yaml</c>; objects are attributed
    /// to that template inside the repository so errors point at the file to fix.
    /// </summary>
    private IReadOnlyList<KubeObject> Attribute(string stdout, string chartDisplay, SourceLocation chart)
    {
        var sources = new List<(int Line, string File)>();
        var lineNumber = 0;
        foreach (var line in stdout.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if (line.StartsWith(SourceMarker, StringComparison.Ordinal))
            {
                var template = line[SourceMarker.Length..].Trim().ToString();
                var slash = template.IndexOf('/', StringComparison.Ordinal);
                var inChart = slash < 0 ? template : template[(slash + 1)..];
                sources.Add((lineNumber, chartDisplay == "." ? inChart : $"{chartDisplay}/{inChart}"));
            }
        }

        return ToolOutput.Read(stdout, $"{chart.File} (helm output)", limits)
            .Select(o =>
            {
                var source = sources.LastOrDefault(s => s.Line <= o.Source!.Line);
                return ToolOutput.Relocate(o, source.File is null ? chart : new SourceLocation(source.File));
            })
            .ToList();
    }
}
