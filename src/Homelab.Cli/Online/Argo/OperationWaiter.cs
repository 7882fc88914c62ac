using Homelab.Api.Applications.V1;
using Homelab.Cli.Online.Connection;

namespace Homelab.Cli.Online.Argo;

/// <summary>
/// Waits on the service's Wait stream until the conditions hold and returns the application's last
/// state. For sync and rollback it also makes sure the finished operation is the one just started
/// (not the previous one still in <c>operationState</c> before the controller picked the new one up).
/// </summary>
internal sealed class OperationWaiter(ServiceConnection connection, TimeProvider time)
{
    private readonly ApplicationService.ApplicationServiceClient _client = new(connection.Invoker);

    public async Task<Application> WaitAsync(ApplicationRef reference, WaitRequest conditions, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var request = conditions.Clone();
        request.Ref = reference;
        request.TimeoutSeconds = timeoutSeconds;
        Application? last = null;
        // The server ends the stream at the timeout; the client deadline is only a backstop.
        var deadline = timeoutSeconds > 0 ? TimeSpan.FromSeconds(timeoutSeconds + 30) : (TimeSpan?)null;
        var subject = $"{AppName.Subject(reference)} to reach the desired state" + (timeoutSeconds > 0 ? $" ({timeoutSeconds}s)" : "");
        await connection.StreamAsync(subject, o => _client.Wait(request, o), app =>
        {
            last = app;
            return Task.FromResult(true);
        }, cancellationToken, deadline).ConfigureAwait(false);
        return last ?? throw new CommandFailedException($"the {connection.Target.Describe()} ended the wait for {AppName.Qualified(reference)} without a state");
    }

    /// <summary>Waits until an operation newer than <paramref name="before"/> has finished.</summary>
    public async Task<Application> WaitForNewOperationAsync(ApplicationRef reference, OperationState? before, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        while (true)
        {
            var remaining = timeoutSeconds > 0 ? timeoutSeconds - (int)(time.GetUtcNow() - started).TotalSeconds : 0;
            if (timeoutSeconds > 0 && remaining <= 0)
            {
                throw new CommandFailedException($"timed out ({timeoutSeconds}s) waiting for the operation on {AppName.Qualified(reference)} to finish");
            }

            var app = await WaitAsync(reference, new WaitRequest { Operation = true }, Math.Max(remaining, 0), cancellationToken).ConfigureAwait(false);
            var operation = app.OperationState;
            if (operation is not null && operation.Phase is not ("Running" or "Terminating" or "") && !SameOperation(operation, before))
            {
                return app;
            }

            // The service answered from the previous operation: the new one has not been picked up yet.
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool SameOperation(OperationState current, OperationState? before) =>
        before is not null && Equals(current.StartedAt, before.StartedAt) && current.Phase == before.Phase && before.Phase is not ("Running" or "");
}
