namespace Homelab.Applications.Telemetry;

/// <summary>The Argo CD kinds the host-side code (API, metrics, webhooks) reads from the cache.</summary>
internal static class ArgoKinds
{
    public const string Group = "argoproj.io";
    public const string ApiVersion = "argoproj.io/v1alpha1";
    public const string Application = "Application";
    public const string ApplicationSet = "ApplicationSet";
    public const string AppProject = "AppProject";
}
