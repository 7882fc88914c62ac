using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace Homelab.Web.Assets;

/// <summary>
/// The front end, read once from the assembly's embedded resources (so nothing is fetched from elsewhere
/// and nothing needs deploying beside the service) and compressed once up front.
/// </summary>
internal sealed class AssetStore
{
    private const string Prefix = "Homelab.Web.wwwroot/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json",
        [".ico"] = "image/x-icon",
    };

    private readonly Dictionary<string, WebAsset> _assets = new(StringComparer.Ordinal);

    public AssetStore()
    {
        var assembly = typeof(AssetStore).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var path = name[Prefix.Length..].Replace('\\', '/');
            var content = Read(assembly, name);
            _assets[path] = new WebAsset(
                path,
                ContentTypes.GetValueOrDefault(System.IO.Path.GetExtension(path), "application/octet-stream"),
                content,
                Gzip(content),
                $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
        }
    }

    public IReadOnlyCollection<WebAsset> All => _assets.Values;

    public WebAsset? Find(string path) => _assets.GetValueOrDefault(path);

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }
}
