namespace Homelab.Manifests.Rendering;

/// <summary>One <c>--set</c> (or <c>--set-string</c> when <paramref name="ForceString"/>) value, as Argo's <c>helm.parameters</c>.</summary>
public sealed record HelmParameter(string Name, string Value, bool ForceString = false);
