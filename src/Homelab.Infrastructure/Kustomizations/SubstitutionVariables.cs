using System.Text;
using System.Text.Json.Nodes;
using Homelab.Api.Flux;
using Homelab.Kubernetes.Client;
using Homelab.Manifests;

namespace Homelab.Infrastructure.Kustomizations;

/// <summary>
/// Gathers <c>postBuild</c> variables as Flux does: <c>substituteFrom</c> entries in order (a later one wins),
/// then the inline <c>substitute</c> over them all. ConfigMaps and Secrets are read from the Kustomization's
/// namespace; an optional one may be missing. Errors name the object, never a value.
/// </summary>
internal sealed class SubstitutionVariables(IClusterClient client)
{
    public async Task<IReadOnlyDictionary<string, string>> GatherAsync(PostBuild postBuild, string @namespace, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in postBuild.SubstituteFrom)
        {
            var reference = new ObjectReference("v1", source.Kind, @namespace, source.Name);
            var obj = await client.TryGetAsync(reference, cancellationToken);
            if (obj is null)
            {
                if (source.Optional)
                {
                    continue;
                }

                throw new ManifestException($"postBuild.substituteFrom: {source.Kind} '{@namespace}/{source.Name}' not found");
            }

            foreach (var (key, value) in (obj.Get("data") as JsonObject ?? []))
            {
                variables[key] = source.Kind == "Secret" ? Decode(value, source, key) : value?.GetValue<string>() ?? "";
            }
        }

        foreach (var (key, value) in postBuild.Substitute)
        {
            variables[key] = value;
        }

        return variables;
    }

    private static string Decode(JsonNode? value, SubstituteReference source, string key)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(value?.GetValue<string>() ?? ""));
        }
        catch (FormatException)
        {
            throw new ManifestException($"postBuild.substituteFrom: Secret '{source.Name}' key '{key}' is not valid base64");
        }
    }
}
