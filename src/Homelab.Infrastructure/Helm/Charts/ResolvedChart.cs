namespace Homelab.Infrastructure.Helm.Charts;

/// <summary>
/// A chart ready to render: the folder <see cref="Path"/> inside <see cref="SourceRoot"/> (nothing outside the root
/// is read), its metadata, and the source revision it came from. Dispose releases the source's artifact lease.
/// </summary>
public sealed class ResolvedChart(string sourceRoot, string path, ChartMetadata metadata, string sourceRevision, IDisposable? lease) : IDisposable
{
    public string SourceRoot { get; } = sourceRoot;

    public string Path { get; } = path;

    public ChartMetadata Metadata { get; } = metadata;

    /// <summary>The index revision (HelmRepository) or the commit revision (GitRepository).</summary>
    public string SourceRevision { get; } = sourceRevision;

    public void Dispose() => lease?.Dispose();
}
