namespace Homelab.Infrastructure.Helm;

/// <summary>Configuration section <c>Helm</c>: where downloaded charts are unpacked.</summary>
public sealed record HelmControllerOptions
{
    public const string Section = "Helm";

    /// <summary>Chart packages unpacked on disk, shared by all releases; default: a folder under the temp directory.</summary>
    public string ChartCacheDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "homelab-helm-charts");
}
