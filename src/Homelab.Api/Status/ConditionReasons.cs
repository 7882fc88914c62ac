namespace Homelab.Api.Status;

/// <summary>Flux's condition reasons, so dashboards, alerts and <c>flux get</c> habits read our status as theirs.</summary>
public static class ConditionReasons
{
    public const string ReconciliationSucceeded = "ReconciliationSucceeded";
    public const string ReconciliationFailed = "ReconciliationFailed";
    public const string ArtifactFailed = "ArtifactFailed";
    public const string BuildFailed = "BuildFailed";
    public const string HealthCheckFailed = "HealthCheckFailed";
    public const string HealthCheckCanceled = "HealthCheckCanceled";
    public const string DependencyNotReady = "DependencyNotReady";
    public const string PruneFailed = "PruneFailed";
    public const string AccessDenied = "AccessDenied";
    public const string Progressing = "Progressing";
    public const string ProgressingWithRetry = "ProgressingWithRetry";
    public const string Succeeded = "Succeeded";
    public const string Suspended = "Suspended";
    public const string NewRevision = "NewRevision";
    public const string GitOperationFailed = "GitOperationFailed";
    public const string AuthenticationFailed = "AuthenticationFailed";
    public const string InstallSucceeded = "InstallSucceeded";
    public const string InstallFailed = "InstallFailed";
    public const string UpgradeSucceeded = "UpgradeSucceeded";
    public const string UpgradeFailed = "UpgradeFailed";

    /// <summary>The spec is invalid: Stalled, nothing will change until the object is edited.</summary>
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>The spec sets fields Homelab does not honour.</summary>
    public const string UnsupportedFields = "UnsupportedFields";
}
