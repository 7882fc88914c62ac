using System.CommandLine;
using Homelab.Manifests;
using Homelab.Manifests.Rendering;
using Homelab.Manifests.Substitution;
using Homelab.Manifests.Tools;
using Homelab.Manifests.Yaml;

namespace Homelab.Cli.Commands;

/// <summary>
/// <c>homelab render PATH</c>: what the reconcilers would apply from a folder or file, rendered by
/// the same code (directory, kustomize or helm) and printed as one YAML stream.
/// </summary>
internal static class RenderCommand
{
    public static Command Create(TextWriter output)
    {
        var path = new Argument<string>("path") { Description = "A directory (plain YAML, kustomization or Helm chart) or a single YAML file." };
        var type = new Option<string>("--type") { Description = "How to render the path.", DefaultValueFactory = _ => "auto" };
        type.AcceptOnlyFromAmong("auto", "directory", "kustomize", "helm");
        var recurse = new Option<bool>("--recurse") { Description = "Directory sources: include subdirectories (Argo CD's directory.recurse)." };
        var releaseName = new Option<string?>("--release-name") { Description = "Helm release name (default: the chart directory's name)." };
        var ns = new Option<string?>("--namespace") { Description = "Helm release namespace." };
        var values = new Option<string[]>("--values") { Description = "Helm value file (repeatable; later files win).", AllowMultipleArgumentsPerToken = false };
        var set = new Option<string[]>("--set") { Description = "Helm parameter key=value (repeatable; wins over value files)." };
        var substitute = new Option<string[]>("--substitute") { Description = "Flux post-build variable name=value (repeatable)." };

        var command = new Command("render", "Render manifests the way the reconcilers do and print them as YAML.")
        {
            path, type, recurse, releaseName, ns, values, set, substitute,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = Path.GetFullPath(parse.GetValue(path)!);
            var root = SourceRootFor(target);
            var request = new RenderRequest
            {
                SourceRoot = root,
                Path = Path.GetRelativePath(root, target),
                Type = ParseType(parse.GetValue(type)!),
                Directory = new DirectoryOptions { Recurse = parse.GetValue(recurse) },
                Helm = new HelmOptions
                {
                    ReleaseName = parse.GetValue(releaseName),
                    Namespace = parse.GetValue(ns),
                    // Helm resolves value files against the chart folder; the user gave them relative to where they stand.
                    ValueFiles = [.. (parse.GetValue(values) ?? []).Select(f => Path.GetRelativePath(target, Path.GetFullPath(f)))],
                    Parameters = [.. (parse.GetValue(set) ?? []).Select(ParseParameter)],
                },
            };
            var variables = (parse.GetValue(substitute) ?? []).Select(ParsePair).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

            try
            {
                var result = await new ManifestRenderer(new KubeToolLocator()).RenderAsync(request, cancellationToken).ConfigureAwait(false);
                var objects = variables.Count == 0 ? result.Objects : PostBuildSubstitution.Apply(result.Objects, variables);
                await output.WriteAsync(YamlWriter.Write(objects)).ConfigureAwait(false);
                return 0;
            }
            catch (ManifestException e)
            {
                throw new CommandFailedException(e.Message, e);
            }
            catch (FileNotFoundException e)
            {
                throw new CommandFailedException(e.Message, e);
            }
        });
        return command;
    }

    /// <summary>
    /// Rendering is confined to a source root. From the command line that is the current directory
    /// when the path lies inside it (so an overlay may reach its base), else the path's own folder.
    /// </summary>
    private static string SourceRootFor(string target)
    {
        var cwd = Path.GetFullPath(Environment.CurrentDirectory);
        var relative = Path.GetRelativePath(cwd, target);
        if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
        {
            return cwd;
        }

        return Directory.Exists(target) ? target : Path.GetDirectoryName(target)!;
    }

    private static RenderType ParseType(string type) => type switch
    {
        "directory" => RenderType.Directory,
        "kustomize" => RenderType.Kustomize,
        "helm" => RenderType.Helm,
        _ => RenderType.Auto,
    };

    private static HelmParameter ParseParameter(string text)
    {
        var (key, value) = ParsePair(text);
        return new HelmParameter(key, value);
    }

    private static KeyValuePair<string, string> ParsePair(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        return eq <= 0
            ? throw new CommandFailedException($"'{text}' is not of the form key=value")
            : new KeyValuePair<string, string>(text[..eq], text[(eq + 1)..]);
    }
}
