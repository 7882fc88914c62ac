namespace Homelab.Infrastructure.Helm.Charts;

/// <summary>The chart's source is missing, not ready, or does not hold the chart: Flux's ArtifactFailed.</summary>
public sealed class ChartSourceException(string message) : Exception(message);
