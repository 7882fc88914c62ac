namespace Homelab.Applications.Hosting;

/// <summary><c>Applications:Namespace</c>: the control-plane namespace (Argo's <c>argocd</c>), where the default project lives.</summary>
public static class ApplicationNamespace
{
    public const string Key = "Applications:Namespace";

    public const string Default = "argocd";

    public static string From(IConfiguration configuration)
    {
        var value = configuration[Key];
        return string.IsNullOrWhiteSpace(value) ? Default : value.Trim();
    }
}
