namespace Homelab.Api.Status;

/// <summary>Flux's condition types. Ready and Healthy have normal polarity; Reconciling and Stalled are present only while True.</summary>
public static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string Healthy = "Healthy";
    public const string Reconciling = "Reconciling";
    public const string Stalled = "Stalled";
    public const string Released = "Released";
    public const string ArtifactInStorage = "ArtifactInStorage";
    public const string FetchFailed = "FetchFailed";

    /// <summary>Homelab's own: the spec uses fields Homelab does not honour (the message lists them).</summary>
    public const string UnsupportedFields = "UnsupportedFields";
}
