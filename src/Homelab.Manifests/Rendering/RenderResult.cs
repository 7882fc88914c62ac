using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Rendering;

/// <summary>
/// The objects a render produced, in a deterministic order (directory files in ordinal path order,
/// objects in file order; tool output in the tool's order), and the render type actually used.
/// </summary>
public sealed record RenderResult(IReadOnlyList<KubeObject> Objects, RenderType Type);
