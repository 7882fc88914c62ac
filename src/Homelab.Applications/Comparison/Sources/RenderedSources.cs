using Homelab.Manifests.Objects;

namespace Homelab.Applications.Comparison.Sources;

/// <summary>
/// The desired objects of an Application (all sources, in source order) with what produced them:
/// one revision per source (<c>status.sync.revisions</c>) and one render type per rendered source
/// (<c>status.sourceTypes</c>: Directory, Kustomize, Helm). <see cref="Warnings"/> are fields that were ignored.
/// </summary>
public sealed record RenderedSources(IReadOnlyList<KubeObject> Objects, IReadOnlyList<string> Revisions, IReadOnlyList<string> SourceTypes, IReadOnlyList<string> Warnings);
