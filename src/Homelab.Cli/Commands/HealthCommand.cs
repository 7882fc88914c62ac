using System.CommandLine;
using System.Text.Json;
using Homelab.Manifests;
using Homelab.Manifests.Health;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Cli.Commands;

/// <summary>
/// <c>homelab health -f FILE</c>: the health of each object in a manifest file by the same assessor
/// the reconcilers use. Health is data here, not a verdict: the exit code is 0 whatever it says.
/// </summary>
internal static class HealthCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create(TextWriter output)
    {
        var file = new Option<string>("--filename", "-f")
        {
            Description = "A YAML or JSON file of objects (with their status), or - for standard input.",
            Required = true,
        };
        var format = new Option<string>("--output", "-o") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");

        var command = new Command("health", "Assess the health of Kubernetes objects the way Argo CD does.") { file, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var objects = await ReadAsync(parse.GetValue(file)!, cancellationToken).ConfigureAwait(false);
            var assessor = new HealthAssessor();
            var rows = objects.Select(o => new HealthRow(o.Kind, o.Namespace ?? "", o.Name, assessor.Assess(o))).ToList();
            if (parse.GetValue(format) == "json")
            {
                var json = rows.Select(r => new
                {
                    kind = r.Kind,
                    @namespace = r.Namespace,
                    name = r.Name,
                    status = r.Health?.Status.ToString() ?? "None",
                    message = r.Health?.Message ?? "",
                });
                await output.WriteLineAsync(JsonSerializer.Serialize(json, Json)).ConfigureAwait(false);
            }
            else
            {
                foreach (var row in rows)
                {
                    await output.WriteLineAsync(
                        $"{row.Kind}/{row.Namespace}/{row.Name}\t{row.Health?.Status.ToString() ?? "None"}\t{row.Health?.Message ?? ""}").ConfigureAwait(false);
                }
            }

            return 0;
        });
        return command;
    }

    private static async Task<IReadOnlyList<KubeObject>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            if (path == "-")
            {
                using var input = new MemoryStream();
                await Console.OpenStandardInput().CopyToAsync(input, cancellationToken).ConfigureAwait(false);
                return YamlReader.ReadObjects(input.ToArray(), "<stdin>");
            }

            // Bytes, not text: the reader rejects binary and invalid UTF-8 with a clear error.
            return YamlReader.ReadObjects(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), path);
        }
        catch (ManifestException e)
        {
            throw new CommandFailedException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"{path}: {e.Message}", e);
        }
    }

    private sealed record HealthRow(string Kind, string Namespace, string Name, HealthStatus? Health);
}
