using System.Text.Json.Nodes;

namespace Homelab.Manifests.Rendering;

/// <summary>
/// Argo CD's <c>source.helm</c>. Precedence, highest first: <see cref="Parameters"/> &gt;
/// <see cref="ValuesObject"/> &gt; <see cref="Values"/> &gt; <see cref="ValueFiles"/> &gt; the chart's values.
/// As in Argo, <see cref="ValuesObject"/> replaces <see cref="Values"/> entirely when both are set.
/// </summary>
public sealed record HelmOptions
{
    /// <summary>Release name; the chart folder's name when unset.</summary>
    public string? ReleaseName { get; init; }

    /// <summary><c>--namespace</c> (<c>.Release.Namespace</c>); helm's "default" when unset.</summary>
    public string? Namespace { get; init; }

    /// <summary>Values files relative to the chart folder, applied in order; they must stay inside the source root.</summary>
    public IReadOnlyList<string> ValueFiles { get; init; } = [];

    /// <summary>Inline values as a YAML string.</summary>
    public string? Values { get; init; }

    /// <summary>Inline values as an object.</summary>
    public JsonObject? ValuesObject { get; init; }

    public IReadOnlyList<HelmParameter> Parameters { get; init; } = [];

    /// <summary><c>--kube-version</c> for <c>.Capabilities.KubeVersion</c>, e.g. <c>1.35.0</c>.</summary>
    public string? KubeVersion { get; init; }

    /// <summary><c>--include-crds</c>: on by default, as Argo and Flux do.</summary>
    public bool IncludeCrds { get; init; } = true;
}
