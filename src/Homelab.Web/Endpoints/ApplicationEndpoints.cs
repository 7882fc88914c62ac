using Grpc.Core;
using Homelab.Api.Applications.V1;
using Homelab.Web.Backends;
using Homelab.Web.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using CommonRef = Homelab.Api.Common.V1.ResourceRef;

namespace Homelab.Web.Endpoints;

/// <summary>
/// One Application: its state and resource tree, diff, history and events (reads), and sync, rollback and
/// refresh (mutations, forwarded to the application service with the user's token).
/// </summary>
internal static class ApplicationEndpoints
{
    private const string What = "application service";

    public static void Map(RouteGroupBuilder api)
    {
        var app = api.MapGroup("/applications/{namespace}/{name}");
        var reads = app.MapGroup("").AddEndpointFilter(AccessFilters.RequireRead);
        var mutations = app.MapGroup("").AddEndpointFilter(AccessFilters.RequireMutate);

        reads.MapGet("", (string @namespace, string name, ControlPlaneClients clients, CancellationToken ct) =>
            CallAsync(async () => ProtoJson.Format(await clients.Applications.GetAsync(new GetApplicationRequest { Ref = Ref(@namespace, name) }, clients.Reads(ct)))));

        reads.MapGet("/diff", (string @namespace, string name, ControlPlaneClients clients, CancellationToken ct) =>
            CallAsync(async () => ProtoJson.Format(await clients.Applications.DiffAsync(new DiffRequest { Ref = Ref(@namespace, name) }, clients.Reads(ct)))));

        reads.MapGet("/history", (string @namespace, string name, ControlPlaneClients clients, CancellationToken ct) =>
            CallAsync(async () => ProtoJson.Format(await clients.Applications.HistoryAsync(Ref(@namespace, name), clients.Reads(ct)))));

        reads.MapGet("/events", async (string @namespace, string name, LiveObjects live, CancellationToken ct) =>
            ApiResults.Json((await live.EventsAsync("Application", @namespace, name, ct)).ToJsonString()));

        // A live object of the application, e.g. ?group=apps&version=v1&kind=Deployment&namespace=x&name=y.
        // Only objects in the application's resource tree: the page must not become a reader of any object in the cluster.
        reads.MapGet("/manifest", async (string @namespace, string name, HttpContext context, ControlPlaneClients clients, LiveObjects live, CancellationToken ct) =>
        {
            var query = context.Request.Query;
            string Value(string key) => query[key].ToString();
            if (Value("kind").Length == 0 || Value("name").Length == 0 || Value("version").Length == 0)
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, "kind, version and name are required");
            }

            Application app;
            try
            {
                app = await clients.Applications.GetAsync(new GetApplicationRequest { Ref = Ref(@namespace, name) }, clients.Reads(ct));
            }
            catch (RpcException e)
            {
                return ApiResults.FromRpc(e, What);
            }

            bool Requested(CommonRef r) => r.Group == Value("group") && r.Kind == Value("kind") && r.Namespace == Value("namespace") && r.Name == Value("name");
            if (!app.Resources.Any(r => Requested(r.Resource)) && !app.Tree.Any(n => Requested(n.Resource)))
            {
                return ApiResults.Error(StatusCodes.Status404NotFound, $"{Value("kind")} {Value("name")} is not a resource of application {@namespace}/{name}");
            }

            var yaml = await live.ManifestAsync(Value("group"), Value("version"), Value("kind"), Value("namespace"), Value("name"), ct);
            return yaml is null
                ? ApiResults.Error(StatusCodes.Status404NotFound, $"{Value("kind")} {Value("name")} does not exist in the cluster")
                : Results.Text(yaml, "text/yaml; charset=utf-8");
        });

        mutations.MapPost("/sync", async (string @namespace, string name, HttpContext context, ControlPlaneClients clients, CancellationToken ct) =>
        {
            var body = await RequestBodies.ReadAsync<SyncBody>(context, ct) ?? new SyncBody(false, false, null, null);
            var request = new SyncRequest { Ref = Ref(@namespace, name), Prune = body.Prune, DryRun = body.DryRun, Revision = body.Revision ?? "" };
            foreach (var resource in body.Resources ?? [])
            {
                request.Resources.Add(new CommonRef { Group = resource.Group ?? "", Kind = resource.Kind ?? "", Namespace = resource.Namespace ?? "", Name = resource.Name ?? "" });
            }

            return await CallAsync(async () => ProtoJson.Format(await clients.Applications.SyncAsync(request, ControlPlaneClients.WithToken(AccessFilters.Token(context), ct))));
        });

        mutations.MapPost("/rollback", async (string @namespace, string name, HttpContext context, ControlPlaneClients clients, CancellationToken ct) =>
        {
            var body = await RequestBodies.ReadAsync<RollbackBody>(context, ct);
            if (body is null)
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, "a JSON body with the history id is required, e.g. {\"id\": 3}");
            }

            var request = new RollbackRequest { Ref = Ref(@namespace, name), Id = body.Id, Prune = body.Prune, DryRun = body.DryRun };
            return await CallAsync(async () => ProtoJson.Format(await clients.Applications.RollbackAsync(request, ControlPlaneClients.WithToken(AccessFilters.Token(context), ct))));
        });

        mutations.MapPost("/refresh", async (string @namespace, string name, HttpContext context, ControlPlaneClients clients, CancellationToken ct) =>
        {
            var body = await RequestBodies.ReadAsync<RefreshBody>(context, ct);
            var request = new RefreshRequest { Ref = Ref(@namespace, name), Hard = body?.Hard ?? false };
            return await CallAsync(async () => ProtoJson.Format(await clients.Applications.RefreshAsync(request, ControlPlaneClients.WithToken(AccessFilters.Token(context), ct))));
        });
    }

    private static ApplicationRef Ref(string @namespace, string name) => new() { Namespace = @namespace, Name = name };

    private static async Task<IResult> CallAsync(Func<Task<string>> call)
    {
        try
        {
            return ApiResults.Json(await call());
        }
        catch (RpcException e)
        {
            return ApiResults.FromRpc(e, What);
        }
    }

    private sealed record SyncBody(bool Prune, bool DryRun, string? Revision, IReadOnlyList<ResourceBody>? Resources);

    private sealed record ResourceBody(string? Group, string? Kind, string? Namespace, string? Name);

    private sealed record RollbackBody(long Id, bool Prune, bool DryRun);

    private sealed record RefreshBody(bool Hard);
}
