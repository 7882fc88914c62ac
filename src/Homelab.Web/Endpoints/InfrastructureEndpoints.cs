using Grpc.Core;
using Homelab.Api.Infrastructure.V1;
using Homelab.Web.Backends;
using Homelab.Web.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Homelab.Web.Endpoints;

/// <summary>
/// One Kustomization or HelmRelease through the infrastructure service: the object with its inventory tree
/// and events, and reconcile / suspend / resume with the user's token.
/// </summary>
internal static class InfrastructureEndpoints
{
    private const string What = "infrastructure service";
    private static readonly string[] Kinds = ["Kustomization", "HelmRelease"];

    public static void Map(RouteGroupBuilder api)
    {
        var flux = api.MapGroup("/flux/{kind}/{namespace}/{name}");
        var reads = flux.MapGroup("").AddEndpointFilter(AccessFilters.RequireRead);
        var mutations = flux.MapGroup("").AddEndpointFilter(AccessFilters.RequireMutate);

        reads.MapGet("", async (string kind, string @namespace, string name, ControlPlaneClients clients, CancellationToken ct) =>
            await CallAsync(kind, clients, async client =>
            {
                var reference = Ref(kind, @namespace, name);
                var obj = await client.GetAsync(reference, clients.Reads(ct));
                string tree;
                try
                {
                    tree = ProtoJson.Format(await client.TreeAsync(reference, clients.Reads(ct)));
                }
                catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.Unimplemented)
                {
                    tree = "null";
                }

                return $"{{\"object\":{ProtoJson.Format(obj)},\"tree\":{tree}}}";
            }));

        reads.MapGet("/events", async (string kind, string @namespace, string name, LiveObjects live, CancellationToken ct) =>
            ApiResults.Json((await live.EventsAsync(kind, @namespace, name, ct)).ToJsonString()));

        mutations.MapPost("/reconcile", (string kind, string @namespace, string name, HttpContext context, ControlPlaneClients clients, CancellationToken ct) =>
            CallAsync(kind, clients, async client => ProtoJson.Format(await client.ReconcileAsync(
                new ReconcileRequest { Ref = Ref(kind, @namespace, name), WithSource = true }, ControlPlaneClients.WithToken(AccessFilters.Token(context), ct)))));

        mutations.MapPost("/suspend", (string kind, string @namespace, string name, HttpContext context, ControlPlaneClients clients, CancellationToken ct) =>
            CallAsync(kind, clients, async client => ProtoJson.Format(await client.SuspendAsync(Ref(kind, @namespace, name), ControlPlaneClients.WithToken(AccessFilters.Token(context), ct)))));

        mutations.MapPost("/resume", (string kind, string @namespace, string name, HttpContext context, ControlPlaneClients clients, CancellationToken ct) =>
            CallAsync(kind, clients, async client => ProtoJson.Format(await client.ResumeAsync(Ref(kind, @namespace, name), ControlPlaneClients.WithToken(AccessFilters.Token(context), ct)))));
    }

    private static ObjectRef Ref(string kind, string @namespace, string name) => new() { Kind = kind, Namespace = @namespace, Name = name };

    private static async Task<IResult> CallAsync(string kind, ControlPlaneClients clients, Func<InfrastructureService.InfrastructureServiceClient, Task<string>> call)
    {
        if (!Kinds.Contains(kind, StringComparer.Ordinal))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, $"kind must be Kustomization or HelmRelease (got '{kind}')");
        }

        if (clients.Infrastructure is not { } client)
        {
            return ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "no infrastructure service is configured (services:infrastructure:grpc:0)");
        }

        try
        {
            return ApiResults.Json(await call(client));
        }
        catch (RpcException e)
        {
            return ApiResults.FromRpc(e, What);
        }
    }
}
