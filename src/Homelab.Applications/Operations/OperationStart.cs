namespace Homelab.Applications.Operations;

/// <summary>
/// Where an operation comes from: the <c>operation</c> field (<see cref="FromField"/>), the automated
/// policy, or a Running <c>operationState</c> found in status (a retry, or <see cref="ResumedAfterRestart"/>).
/// </summary>
public sealed record OperationStart(bool FromField, bool ResumedAfterRestart, int RetryCount, string? StartedAt);
