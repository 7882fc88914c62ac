using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Homelab.Infrastructure.Helm.Repositories;
using Homelab.Manifests;

namespace Homelab.Infrastructure.Helm.Charts;

/// <summary>
/// Chart packages downloaded from repositories and unpacked on local disk, keyed by package URL, version and
/// index digest, so one chart version is fetched once however many releases use it. The digest in the index
/// is checked before anything is unpacked.
/// </summary>
public sealed class ChartPackageCache(RepositoryDownloader downloader, HelmControllerOptions options)
{
    private const string CompleteMarker = ".complete";
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>The unpacked chart: <c>Root</c> is the cache entry, <c>ChartFolder</c> the chart's folder name inside it.</summary>
    public async Task<(string Root, string ChartFolder)> GetAsync(RepositoryIndex index, ChartVersionEntry entry, RepositoryCredentials credentials, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var url = PackageUrl(index.Url, entry);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{url}\n{entry.Version}\n{entry.Digest}")));
        var root = Path.Combine(options.ChartCacheDirectory, key);
        var gate = _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(Path.Combine(root, CompleteMarker)))
            {
                return (root, Directory.GetDirectories(root).Select(Path.GetFileName).Single()!);
            }

            var package = await downloader.GetAsync(url, credentials, timeout, cancellationToken);
            var display = $"{entry.Name}-{entry.Version}.tgz";
            if (entry.Digest is { Length: > 0 } digest)
            {
                var actual = Convert.ToHexStringLower(SHA256.HashData(package));
                if (!string.Equals(actual, digest, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ManifestException($"chart package {display} has digest sha256:{actual}, the index says {digest}");
                }
            }

            // Unpack beside the final place and rename, so a half-written entry is never mistaken for a chart.
            var staging = $"{root}.{Guid.NewGuid():N}.tmp";
            try
            {
                var chartFolder = ChartArchive.Extract(package, staging, display);
                File.WriteAllText(Path.Combine(staging, CompleteMarker), url.ToString());
                if (Directory.Exists(root))
                {
                    Directory.Delete(root, recursive: true);
                }

                Directory.Move(staging, root);
                return (root, Path.GetFileName(chartFolder));
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Index URLs may be relative to the repository (as <c>helm repo index</c> writes them) or absolute.</summary>
    public static Uri PackageUrl(string repositoryUrl, ChartVersionEntry entry)
    {
        var first = entry.Urls.FirstOrDefault() ?? throw new ManifestException($"chart {entry.Name} {entry.Version} has no download URL in the index");
        var baseUri = new Uri(repositoryUrl.EndsWith('/') ? repositoryUrl : repositoryUrl + "/");
        return Uri.TryCreate(first, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute
            : new Uri(baseUri, first);
    }
}
