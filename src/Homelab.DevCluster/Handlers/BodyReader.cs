using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Homelab.DevCluster.Errors;
using Homelab.Manifests;
using Homelab.Manifests.Yaml;
using Microsoft.AspNetCore.Http;

namespace Homelab.DevCluster.Handlers;

/// <summary>Reads a request body within the size limit and decodes it as JSON or YAML, with the API server's error wording.</summary>
internal static class BodyReader
{
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw ApiErrors.TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw ApiErrors.TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>A JSON body; YAML too when <paramref name="yaml"/> (apply patches and <c>application/yaml</c> writes).</summary>
    public static JsonNode Decode(byte[] body, bool yaml)
    {
        if (body.Length == 0)
        {
            throw ApiErrors.BadRequest("the request body is empty");
        }

        try
        {
            return JsonNode.Parse(body) ?? throw ApiErrors.BadRequest("the request body is null");
        }
        catch (JsonException e) when (!yaml)
        {
            throw ApiErrors.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
        catch (JsonException)
        {
            return DecodeYaml(body);
        }
    }

    public static JsonObject DecodeObject(byte[] body, bool yaml) =>
        Decode(body, yaml) as JsonObject ?? throw ApiErrors.BadRequest("the request body must be a JSON object");

    private static JsonNode DecodeYaml(byte[] body)
    {
        try
        {
            var text = Encoding.UTF8.GetString(body);
            return YamlReader.ReadNode(text, "request body") ?? throw ApiErrors.BadRequest("error decoding YAML: the document is empty");
        }
        catch (ManifestException e)
        {
            throw ApiErrors.BadRequest($"error decoding YAML: {e.Message}");
        }
    }
}
