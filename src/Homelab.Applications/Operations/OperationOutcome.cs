using System.Text.Json.Nodes;

namespace Homelab.Applications.Operations;

/// <summary>How one attempt of a sync operation ended: Argo's phase (Succeeded, Failed, Error), its message and <c>syncResult</c>.</summary>
public sealed record OperationOutcome(string Phase, string Message, JsonObject SyncResult)
{
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Error = "Error";

    public bool IsSuccess => Phase == Succeeded;
}
