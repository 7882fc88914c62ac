using System.Formats.Tar;
using System.IO.Compression;
using Homelab.Manifests;

namespace Homelab.Infrastructure.Helm.Charts;

/// <summary>
/// Unpacks a chart package (<c>.tgz</c>) into a folder. Only regular files and folders are written; an entry
/// that would land outside the folder, a link, or a package past the size limits is refused.
/// </summary>
public static class ChartArchive
{
    private const long MaxTotalBytes = 256L * 1024 * 1024;
    private const int MaxEntries = 20_000;

    /// <summary>Extracts into <paramref name="destination"/> and returns the chart's folder (the package's single top-level folder).</summary>
    public static string Extract(byte[] package, string destination, string display)
    {
        Directory.CreateDirectory(destination);
        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        var topLevel = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        var count = 0;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(package), CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            while (reader.GetNextEntry() is { } entry)
            {
                if (++count > MaxEntries)
                {
                    throw new ManifestException($"chart package {display} has more than {MaxEntries} entries");
                }

                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes)
                {
                    continue;
                }

                var name = entry.Name.Replace('\\', '/').TrimStart('/');
                var target = Path.GetFullPath(Path.Combine(root, name));
                if (!target.StartsWith(root, StringComparison.Ordinal))
                {
                    throw new ManifestException($"chart package {display}: entry '{entry.Name}' points outside the chart");
                }

                if (name.Split('/')[0] is { Length: > 0 } first)
                {
                    topLevel.Add(first);
                }

                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(target);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                        total += entry.Length;
                        if (total > MaxTotalBytes)
                        {
                            throw new ManifestException($"chart package {display} unpacks to more than {MaxTotalBytes} bytes");
                        }

                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        entry.ExtractToFile(target, overwrite: true);
                        break;
                    default:
                        throw new ManifestException($"chart package {display}: entry '{entry.Name}' is a {entry.EntryType}, only files and folders are allowed");
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new ManifestException($"chart package {display} is not a valid .tgz: {e.Message}");
        }

        if (topLevel.Count != 1)
        {
            throw new ManifestException($"chart package {display} must hold exactly one top-level folder, found {topLevel.Count}");
        }

        return Path.Combine(destination, topLevel.Single());
    }
}
