using Homelab.Applications.Comparison.Sources;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Comparison;

/// <summary>
/// A comparison plus what a sync needs from it: the desired objects as they will be applied (namespace
/// set, tracking id stamped), the render (revisions, source types), and the previous inventory.
/// </summary>
public sealed record ComparisonOutcome(
    ApplicationComparison Comparison,
    IReadOnlyList<KubeObject> Desired,
    RenderedSources? Rendered,
    IReadOnlyList<ObjectId> PreviousInventory,
    IReadOnlyList<Homelab.Api.Argo.ApplicationSource> Sources);
