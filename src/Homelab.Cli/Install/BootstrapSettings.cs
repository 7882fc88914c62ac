namespace Homelab.Cli.Install;

/// <summary>What <c>homelab bootstrap</c> was asked for.</summary>
/// <param name="RepositoryUrl">The Git repository the root objects read.</param>
/// <param name="Branch">Its branch.</param>
/// <param name="InfrastructurePath">The root Kustomization's path in the repository.</param>
/// <param name="ApplicationsPath">The root (app-of-apps) Application's path; null: no Application.</param>
/// <param name="Token">The API token to store; null: keep the stored one, or generate one when there is none.</param>
public sealed record BootstrapSettings(string RepositoryUrl, string Branch, string InfrastructurePath, string? ApplicationsPath, string? Token)
{
    /// <summary>Name of the root GitRepository, Kustomization and Application.</summary>
    public string RootName { get; init; } = "homelab";

    public string FluxNamespace { get; init; } = "flux-system";

    public string ArgoNamespace { get; init; } = "argocd";
}
