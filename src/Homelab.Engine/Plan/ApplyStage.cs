using Homelab.Manifests.Objects;

namespace Homelab.Engine.Plan;

/// <summary>
/// One of Flux's apply stages. When <see cref="WaitUntilReady"/> is set, the executor waits for every
/// object of the stage to be current (CRDs Established, Namespaces Active) before the next stage.
/// </summary>
public sealed record ApplyStage(string Name, IReadOnlyList<KubeObject> Objects, bool WaitUntilReady);
