namespace Homelab.Controllers.Hosting;

/// <summary>Whether the start-up CRD installation has finished; the controller manager and the health check wait on it.</summary>
public sealed class CrdInstallation
{
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completed => _completed.Task;

    public bool IsCompleted => _completed.Task.IsCompletedSuccessfully;

    /// <summary>The last installation error while still retrying (for the health check), else null.</summary>
    public string? LastError { get; internal set; }

    internal void MarkCompleted()
    {
        LastError = null;
        _completed.TrySetResult();
    }
}
