namespace Homelab.Applications.Applications;

/// <summary>The <c>status.conditions[].type</c> values this controller writes.</summary>
public static class ApplicationConditionTypes
{
    public const string InvalidSpecError = "InvalidSpecError";
    public const string ComparisonError = "ComparisonError";
    public const string SyncError = "SyncError";

    /// <summary>Homelab only (Argo CD has no layer gate): a sync is held until the infrastructure layer is ready.</summary>
    public const string WaitingForInfrastructure = "WaitingForInfrastructure";

    /// <summary>Homelab only: fields Argo CD honours that Homelab reads but ignores.</summary>
    public const string UnsupportedFields = "UnsupportedFields";
}
