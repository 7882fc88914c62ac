namespace Homelab.Deployment.Tests.Rbac;

/// <summary>
/// One permission, fully expanded: a verb on a resource (<c>deployments</c>, <c>kustomizations/status</c>) of an
/// API group ("" is core) for a service account, cluster-wide or in one namespace (<see cref="Scope"/>).
/// </summary>
internal sealed record Grant(string ServiceAccount, string Scope, string Group, string Resource, string Verb)
{
    public const string Cluster = "cluster";

    public override string ToString() => $"{ServiceAccount} [{Scope}] {Verb} {(Group.Length == 0 ? "core" : Group)}/{Resource}";
}
