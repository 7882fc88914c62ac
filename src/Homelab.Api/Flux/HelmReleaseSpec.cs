using System.Text.Json.Nodes;

namespace Homelab.Api.Flux;

/// <summary>
/// What a HelmRelease asks for, with Flux's defaults: release name <c>[targetNamespace-]name</c>, timeout
/// 5 m, chart version <c>*</c>. Exactly one of <see cref="Chart"/> and <see cref="ChartRef"/> is set when valid.
/// </summary>
public sealed record HelmReleaseSpec(
    HelmChartTemplate? Chart,
    SourceReference? ChartRef,
    TimeSpan Interval,
    string ReleaseName,
    string? TargetNamespace,
    string? StorageNamespace,
    HelmActionOptions Install,
    HelmActionOptions Upgrade,
    JsonObject? Values,
    IReadOnlyList<ValuesReference> ValuesFrom,
    IReadOnlyList<DependencyReference> DependsOn,
    bool Suspend,
    TimeSpan Timeout,
    int MaxHistory);

/// <summary><c>chart.spec</c>: which chart to render from which source.</summary>
public sealed record HelmChartTemplate(string Chart, string Version, SourceReference SourceRef, IReadOnlyList<string> ValuesFiles, string ReconcileStrategy);

/// <summary>Install or upgrade settings: how often to retry a failed action.</summary>
public sealed record HelmActionOptions(int Retries, bool CreateNamespace, string? RemediationStrategy);

/// <summary>Values merged from a ConfigMap or Secret key, in order, before the inline values.</summary>
public sealed record ValuesReference(string Kind, string Name, string ValuesKey, string? TargetPath, bool Optional);
