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
    /// <summary>How many times the body limit the listener lets us drain from an oversized request.</summary>
    public const int DrainFactor = 4;

    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var chunk = new byte[16 * 1024];
        if (request.ContentLength > limit)
        {
            await DrainAsync(request, chunk, cancellationToken);
            throw ApiErrors.TooLarge();
        }

        using var buffer = new MemoryStream();
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                await DrainAsync(request, chunk, cancellationToken);
                throw ApiErrors.TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Reads and discards the rest of an oversized body, so a client still sending it gets the 413
    /// rather than a reset connection. Past the listener's own bound Kestrel gives up, and so do we.
    /// </summary>
    private static async Task DrainAsync(HttpRequest request, byte[] chunk, CancellationToken cancellationToken)
    {
        try
        {
            while (await request.Body.ReadAsync(chunk, cancellationToken) > 0)
            {
            }
        }
        catch (BadHttpRequestException)
        {
            // Beyond the listener's limit: the connection is dropped, as a real API server would.
        }
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
