namespace Homelab.Git.Fetching;

/// <summary>Remote operations, named like Argo's <c>argocd_git_request_total{request_type}</c>.</summary>
public enum GitOperationKind
{
    LsRemote,
    Fetch,
}
