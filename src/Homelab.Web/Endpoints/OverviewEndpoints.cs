using System.Text;
using System.Text.Json;
using Grpc.Core;
using Homelab.Api.Applications.V1;
using Homelab.Api.Infrastructure.V1;
using Homelab.Web.Backends;
using Homelab.Web.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Homelab.Web.Endpoints;

/// <summary>
/// The overview's data in one call (Applications from the application service's <c>List</c>, Kustomizations
/// and HelmReleases from the infrastructure service) and the change stream that keeps open pages live.
/// </summary>
internal static class OverviewEndpoints
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/overview", async (ControlPlaneClients clients, CancellationToken cancellationToken) =>
        {
            ApplicationList applications;
            try
            {
                applications = await clients.Applications.ListAsync(new ListApplicationsRequest(), clients.Reads(cancellationToken));
            }
            catch (RpcException e)
            {
                return ApiResults.FromRpc(e, "application service");
            }

            // The grid needs the summary only: per-resource lists and results are the application page's
            // business (with 200 apps they would be nine tenths of the payload and of the formatting time).
            foreach (var app in applications.Items)
            {
                app.Resources.Clear();
                app.Tree.Clear();
                app.OperationState?.Results.Clear();
            }

            var infrastructure = await InfrastructureAsync(clients, cancellationToken);
            return ApiResults.Json(Compose(applications, infrastructure));
        }).AddEndpointFilter(AccessFilters.RequireRead);

        api.MapGet("/stream", async (HttpContext context, ChangeFeed feed, TimeProvider time, CancellationToken cancellationToken) =>
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            // Proxies (and Traefik) must pass each event on at once.
            context.Response.Headers["X-Accel-Buffering"] = "no";
            var reader = feed.Subscribe(cancellationToken);
            await context.Response.WriteAsync("retry: 3000\n\n", cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    using var beat = new CancellationTokenSource(Heartbeat, time);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, beat.Token);
                    var text = new StringBuilder();
                    try
                    {
                        var notice = await reader.ReadAsync(linked.Token);
                        Append(text, notice);
                        while (reader.TryRead(out var more))
                        {
                            Append(text, more);
                        }
                    }
                    catch (OperationCanceledException) when (beat.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                    {
                        text.Append(": keep-alive\n\n");
                    }

                    await context.Response.WriteAsync(text.ToString(), cancellationToken);
                    await context.Response.Body.FlushAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The page went away.
            }
        }).AddEndpointFilter(AccessFilters.RequireRead);
    }

    private static void Append(StringBuilder text, ChangeNotice notice) =>
        text.Append("event: change\ndata: ").Append(JsonSerializer.Serialize(new { scope = notice.Scope, kind = notice.Kind, @namespace = notice.Namespace, name = notice.Name })).Append("\n\n");

    private static async Task<InfrastructureView> InfrastructureAsync(ControlPlaneClients clients, CancellationToken cancellationToken)
    {
        var client = clients.Infrastructure;
        if (client is null)
        {
            return new InfrastructureView(null, null, "no infrastructure service is configured (services:infrastructure:grpc:0)");
        }

        try
        {
            var kustomizations = client.ListKustomizationsAsync(new Homelab.Api.Infrastructure.V1.ListRequest(), clients.Reads(cancellationToken));
            var releases = client.ListHelmReleasesAsync(new Homelab.Api.Infrastructure.V1.ListRequest(), clients.Reads(cancellationToken));
            return new InfrastructureView(await kustomizations, await releases, null);
        }
        catch (RpcException e)
        {
            return new InfrastructureView(null, null, e.StatusCode == StatusCode.Unavailable
                ? "the infrastructure service is unavailable"
                : $"the infrastructure service failed: {e.Status.Detail}");
        }
    }

    private static string Compose(ApplicationList applications, InfrastructureView infrastructure)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WritePropertyName("applications");
            json.WriteRawValue(ProtoJson.Format(applications), skipInputValidation: true);
            json.WritePropertyName("kustomizations");
            json.WriteRawValue(infrastructure.Kustomizations is null ? "{\"items\":[]}" : ProtoJson.Format(infrastructure.Kustomizations), skipInputValidation: true);
            json.WritePropertyName("helmReleases");
            json.WriteRawValue(infrastructure.HelmReleases is null ? "{\"items\":[]}" : ProtoJson.Format(infrastructure.HelmReleases), skipInputValidation: true);
            if (infrastructure.Error is null)
            {
                json.WriteNull("infrastructureError");
            }
            else
            {
                json.WriteString("infrastructureError", infrastructure.Error);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private sealed record InfrastructureView(FluxObjectList? Kustomizations, FluxObjectList? HelmReleases, string? Error);
}
