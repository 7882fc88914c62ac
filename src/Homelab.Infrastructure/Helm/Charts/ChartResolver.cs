using Homelab.Api.Flux;
using Homelab.Controllers;
using Homelab.Infrastructure.Helm.Repositories;
using Homelab.Infrastructure.Sources;
using Homelab.Kubernetes.Client;
using Homelab.Manifests;

namespace Homelab.Infrastructure.Helm.Charts;

/// <summary>
/// Finds the chart a HelmRelease's <c>chart.spec</c> names: a version from a HelmRepository's index (downloaded
/// and cached), or a folder inside a GitRepository's artifact.
/// </summary>
public sealed class ChartResolver(
    RepositoryIndexStore indexes,
    ChartPackageCache packages,
    ISourceArtifacts artifacts,
    IClusterClient client)
{
    /// <exception cref="ChartSourceException">The source is missing or not ready, or has no such chart.</exception>
    /// <exception cref="ManifestException">The chart itself is broken (bad package, no Chart.yaml).</exception>
    public Task<ResolvedChart> ResolveAsync(HelmChartTemplate chart, TimeSpan timeout, CancellationToken cancellationToken) =>
        chart.SourceRef.Kind switch
        {
            "HelmRepository" => FromRepositoryAsync(chart, timeout, cancellationToken),
            "GitRepository" => FromGitAsync(chart, cancellationToken),
            var kind => throw new ChartSourceException($"charts from a {kind} are not supported"),
        };

    private async Task<ResolvedChart> FromRepositoryAsync(HelmChartTemplate chart, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var source = chart.SourceRef;
        var repository = await client.TryGetAsync(new ObjectReference("source.toolkit.fluxcd.io/v1", "HelmRepository", source.Namespace, source.Name), cancellationToken)
            ?? throw new ChartSourceException($"HelmRepository '{source.Namespace}/{source.Name}' not found");
        var index = indexes.Get(new ObjectKey(source.Namespace, source.Name))
            ?? throw new ChartSourceException($"HelmRepository '{source.Namespace}/{source.Name}' has no artifact yet");
        ChartVersionEntry entry;
        try
        {
            entry = ChartVersionSelector.Select(index, chart.Chart, chart.Version);
        }
        catch (ManifestException e)
        {
            throw new ChartSourceException($"HelmRepository '{source.Namespace}/{source.Name}': {e.Message}");
        }

        var credentials = await RepositoryCredentials.ReadAsync(client, new Uri(index.Url), repository.GetString("spec", "secretRef", "name"), source.Namespace, cancellationToken);
        (string Root, string ChartFolder) unpacked;
        try
        {
            unpacked = await packages.GetAsync(index, entry, credentials, timeout, cancellationToken);
        }
        catch (RepositoryFetchException e)
        {
            throw new ChartSourceException($"chart {entry.Name}@{entry.Version}: {e.Message}");
        }

        var metadata = ChartMetadata.Read(Path.Combine(unpacked.Root, unpacked.ChartFolder), unpacked.ChartFolder);
        return new ResolvedChart(unpacked.Root, unpacked.ChartFolder, metadata, index.Revision, lease: null);
    }

    private async Task<ResolvedChart> FromGitAsync(HelmChartTemplate chart, CancellationToken cancellationToken)
    {
        var source = chart.SourceRef;
        var lease = await artifacts.AcquireAsync(source, cancellationToken);
        if (lease is null)
        {
            var state = artifacts.Describe(source);
            throw new ChartSourceException(state.Exists
                ? $"GitRepository '{source.Namespace}/{source.Name}' is not ready: {state.Message}"
                : $"GitRepository '{source.Namespace}/{source.Name}' not found");
        }

        try
        {
            var relative = (chart.Chart.StartsWith("./", StringComparison.Ordinal) ? chart.Chart[2..] : chart.Chart).TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : ".";
            var full = Path.GetFullPath(Path.Combine(lease.RootPath, relative));
            var root = Path.GetFullPath(lease.RootPath).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (!full.StartsWith(root, StringComparison.Ordinal) && full + Path.DirectorySeparatorChar != root)
            {
                throw new ManifestException($"chart path '{chart.Chart}' points outside the repository");
            }

            if (!Directory.Exists(full))
            {
                throw new ChartSourceException($"chart path '{chart.Chart}' not found in GitRepository '{source.Namespace}/{source.Name}' at {lease.Revision}");
            }

            var metadata = ChartMetadata.Read(full, relative);
            return new ResolvedChart(lease.RootPath, relative, metadata, lease.Revision, lease);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }
}
