namespace Homelab.Applications.Operations;

/// <summary>The result of processing an operation once: finished (with its outcome) or to be retried after a delay.</summary>
public sealed record OperationStep(OperationOutcome Outcome, TimeSpan? RetryAfter)
{
    public bool Finished => RetryAfter is null;
}
