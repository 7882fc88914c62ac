using System.Net;
using System.Text.Json.Nodes;
using Homelab.DevCluster.Errors;
using Homelab.DevCluster.Faults;
using Homelab.DevCluster.Handlers;
using Microsoft.AspNetCore.Http;
using Prometheus;

namespace Homelab.DevCluster.Hosting;

/// <summary>
/// The dev cluster's own endpoints: <c>/metrics</c>, <c>/debug/devcluster/requests</c> (GET reads,
/// DELETE resets) and <c>/debug/devcluster/faults</c> (GET reads, POST adds, DELETE clears).
/// </summary>
internal sealed class DebugEndpoints(ClusterState state, Func<CancellationToken, Task> restart)
{
    public const string RequestsPath = "/debug/devcluster/requests";
    public const string FaultsPath = "/debug/devcluster/faults";

    public async Task<bool> TryHandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var path = context.Request.Path.Value ?? "";
        var method = context.Request.Method;
        switch (path)
        {
            case "/metrics" when method == "GET":
                context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await state.Accounting.Registry.CollectAndExportAsTextAsync(context.Response.Body, cancellationToken);
                return true;
            case RequestsPath when method == "GET":
                var counts = new JsonArray(state.Accounting.Snapshot().OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).Select(p => (JsonNode)new JsonObject
                {
                    ["verb"] = p.Key.Verb,
                    ["group"] = p.Key.Group,
                    ["resource"] = p.Key.Resource,
                    ["subresource"] = p.Key.Subresource,
                    ["dryRun"] = p.Key.DryRun,
                    ["count"] = p.Value,
                }).ToArray());
                await ResponseWriter.WriteAsync(context.Response, HttpStatusCode.OK, new JsonObject { ["total"] = state.Accounting.Total, ["requests"] = counts }, cancellationToken);
                return true;
            case RequestsPath when method == "DELETE":
                state.Accounting.Reset();
                context.Response.StatusCode = 204;
                return true;
            case FaultsPath when method == "GET":
                await ResponseWriter.WriteAsync(context.Response, HttpStatusCode.OK, DescribeFaults(), cancellationToken);
                return true;
            case FaultsPath when method == "DELETE":
                state.Faults.Clear();
                context.Response.StatusCode = 204;
                return true;
            case FaultsPath when method == "POST":
                var body = BodyReader.DecodeObject(await BodyReader.ReadBytesAsync(context.Request, 64 * 1024, cancellationToken), yaml: false);
                ApplyFaults(body);
                await ResponseWriter.WriteAsync(context.Response, HttpStatusCode.OK, DescribeFaults(), cancellationToken);
                return true;
            default:
                return false;
        }
    }

    private void ApplyFaults(JsonObject body)
    {
        try
        {
            foreach (var error in (body["errors"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                var code = error["code"]?.GetValue<int>() ?? 500;
                if (code is < 400 or > 599)
                {
                    throw ApiErrors.BadRequest($"fault code {code} is not an HTTP error status");
                }

                state.Faults.AddError(new ErrorFault(
                    error["verb"]?.GetValue<string>(),
                    error["resource"]?.GetValue<string>(),
                    code,
                    error["rate"]?.GetValue<double>() ?? 1.0));
            }

            if (body["latencyMilliseconds"]?.GetValue<int>() is { } latency)
            {
                state.Faults.Latency = TimeSpan.FromMilliseconds(latency);
            }

            if (body["refuseConnectionsSeconds"]?.GetValue<double>() is { } refuse)
            {
                state.Faults.RefuseConnectionsFor(TimeSpan.FromSeconds(refuse));
            }

            if (body["closeWatches"]?.GetValue<bool>() == true)
            {
                state.Faults.CloseWatches();
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw ApiErrors.BadRequest($"invalid fault request: {e.Message}");
        }

        if (body["restart"]?.GetValue<bool>() == true)
        {
            // Restarting stops the listener serving this very request, so it runs after the answer.
            _ = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), state.Options.TimeProvider, CancellationToken.None);
                await restart(CancellationToken.None);
            }, CancellationToken.None);
        }
    }

    private JsonObject DescribeFaults() => new()
    {
        ["errors"] = new JsonArray(state.Faults.Errors.Select(e => (JsonNode)new JsonObject
        {
            ["verb"] = e.Verb,
            ["resource"] = e.Resource,
            ["code"] = e.StatusCode,
            ["rate"] = e.Rate,
        }).ToArray()),
        ["latencyMilliseconds"] = (int)state.Faults.Latency.TotalMilliseconds,
        ["refusingConnections"] = state.Faults.RefusingConnections,
    };
}
