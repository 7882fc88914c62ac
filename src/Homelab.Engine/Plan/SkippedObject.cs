using Homelab.Manifests.Objects;

namespace Homelab.Engine.Plan;

/// <summary>A desired object the plan leaves out, and why (hook Skip, a Helm hook Argo does not run).</summary>
public sealed record SkippedObject(ObjectId Id, string Reason);
