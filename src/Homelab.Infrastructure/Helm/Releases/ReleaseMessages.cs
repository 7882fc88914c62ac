namespace Homelab.Infrastructure.Helm.Releases;

/// <summary>helm-controller's condition reasons and messages, so <c>flux get hr</c> habits read ours alike.</summary>
public static class ReleaseMessages
{
    public const string Remediated = "Remediated";
    public const string RollbackSucceeded = "RollbackSucceeded";
    public const string RollbackFailed = "RollbackFailed";
    public const string InitFailed = "InitFailed";
    public const string RetriesExceeded = "RetriesExceeded";
    public const string Install = "install";
    public const string Upgrade = "upgrade";
    public const string Uninstall = "uninstall";
    public const string UninstallSucceeded = "UninstallSucceeded";
    public const string UninstallFailed = "UninstallFailed";

    public static string Succeeded(string action, ReleaseSnapshot release) =>
        $"Helm {action} succeeded for release {release.FullName} with chart {release.Chart}";

    public static string Failed(string action, string releaseNamespace, string releaseName, string chart, string error) =>
        $"Helm {action} failed for release {releaseNamespace}/{releaseName} with chart {chart}: {error}";

    public static string RolledBack(ReleaseSnapshot target) =>
        $"Helm rollback to previous release {target.FullName} with chart {target.Chart} succeeded";

    public static string RollbackFailedMessage(ReleaseSnapshot target, string error) =>
        $"Helm rollback to previous release {target.FullName} with chart {target.Chart} failed: {error}";

    public static string Exhausted(string action, int failures) =>
        $"Failed to {action} after {failures} attempt(s); change the spec to try again";
}
