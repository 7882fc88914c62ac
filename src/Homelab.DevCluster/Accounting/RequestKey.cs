namespace Homelab.DevCluster.Accounting;

/// <summary>The labels of one request counter: verb as Kubernetes names it, group, resource, subresource, dry run.</summary>
public sealed record RequestKey(string Verb, string Group, string Resource, string Subresource, bool DryRun)
{
    public override string ToString() =>
        $"{Verb} {(Group.Length == 0 ? "" : Group + "/")}{Resource}{(Subresource.Length == 0 ? "" : "/" + Subresource)}{(DryRun ? " (dry run)" : "")}";
}
