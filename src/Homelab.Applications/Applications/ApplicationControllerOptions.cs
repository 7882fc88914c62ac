namespace Homelab.Applications.Applications;

/// <summary>Configuration section <c>Applications</c>.</summary>
public sealed class ApplicationControllerOptions
{
    public const string Section = "Applications";

    /// <summary>
    /// The control-plane namespace (Argo's <c>argocd</c>): repository Secrets and AppProjects live here, and
    /// Applications in it are tracked by their bare name.
    /// </summary>
    public string Namespace { get; set; } = "argocd";

    /// <summary>How often Git is polled for every Application (Argo's <c>timeout.reconciliation</c>); up to 10% jitter is added.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(180);

    /// <summary>How long repository credentials read from Secrets are reused before they are listed again.</summary>
    public TimeSpan CredentialsRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    public int Workers { get; set; } = 4;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Namespace))
        {
            throw new InvalidOperationException("Applications:Namespace must not be empty");
        }

        if (RefreshInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Applications:RefreshInterval must be positive");
        }
    }
}
