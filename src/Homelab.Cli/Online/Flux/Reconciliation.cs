using Homelab.Api.Infrastructure.V1;
using Homelab.Cli.Online.Connection;

namespace Homelab.Cli.Online.Flux;

/// <summary>
/// One <c>flux reconcile</c>-style request with its progress lines: annotate, wait until the
/// controller handled it, then report the revision or fail with the Ready message.
/// </summary>
internal sealed class Reconciliation(TextWriter output, ServiceConnection connection, TimeSpan timeout)
{
    private readonly InfrastructureService.InfrastructureServiceClient _client = new(connection.Invoker);

    public async Task<FluxObject> GetAsync(ObjectRef target, CancellationToken cancellationToken) =>
        await connection.CallAsync(Subject(target), o => _client.GetAsync(target, o), cancellationToken).ConfigureAwait(false);

    public async Task<FluxObject> ReconcileAsync(ObjectRef target, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"► annotating {target.Kind} {target.Name} in {target.Namespace} namespace").ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        // The service sets the request annotation and, with wait, returns once the controller handled it.
        var result = await connection.CallAsync(
            Subject(target),
            o => _client.ReconcileAsync(new ReconcileRequest { Ref = target, Wait = true }, o),
            cancellationToken,
            timeout).ConfigureAwait(false);
        await output.WriteLineAsync($"✔ {target.Kind} annotated").ConfigureAwait(false);
        await output.WriteLineAsync($"◎ waiting for {target.Kind} reconciliation").ConfigureAwait(false);
        await ReportAsync(result).ConfigureAwait(false);
        return result;
    }

    /// <summary>Ready=True prints the revision; anything else fails with the object's own message.</summary>
    public async Task ReportAsync(FluxObject result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var kind = FluxKind.Of(result.Ref.Kind);
        if (result.Ready != "True")
        {
            var message = string.IsNullOrEmpty(result.Message) ? "not ready" : result.Message;
            throw new CommandFailedException($"{result.Ref.Kind} {result.Ref.Namespace}/{result.Ref.Name} reconciliation failed: {message}");
        }

        var verb = kind?.IsSource == true ? "fetched" : "applied";
        await output.WriteLineAsync($"✔ {verb} revision {result.Revision}").ConfigureAwait(false);
    }

    public static string Subject(ObjectRef target) => $"{target.Kind.ToLowerInvariant()} {target.Namespace}/{target.Name}";
}
