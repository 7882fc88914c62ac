using Homelab.Api.Infrastructure.V1;

namespace Homelab.Applications.Gating;

/// <summary>What the gate last heard: the layer's status, or why it has none (unreachable, no answer yet).</summary>
internal sealed record LayerView(LayerStatus? Status, string? Problem);
