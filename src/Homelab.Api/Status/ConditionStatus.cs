namespace Homelab.Api.Status;

/// <summary>The three values of a Kubernetes condition's <c>status</c>, spelt as the API spells them.</summary>
public static class ConditionStatus
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}
