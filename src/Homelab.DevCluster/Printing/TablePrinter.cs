using System.Globalization;
using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;
using Homelab.DevCluster.Storage;
using Microsoft.AspNetCore.Http;

namespace Homelab.DevCluster.Printing;

/// <summary>Turns objects into a Table when the request asks for one (kubectl get); otherwise stays out of the way.</summary>
internal sealed class TablePrinter(ObjectStore store, ResourceRegistry registry, TimeProvider time)
{
    public static bool Wanted(HttpRequest request) => TableWriter.RequestedVersion(request.Headers.Accept.ToString()) is not null;

    public JsonObject Print(HttpRequest request, ResourceType type, IReadOnlyList<JsonObject> items, long revision)
    {
        var apiVersion = TableWriter.RequestedVersion(request.Headers.Accept.ToString()) ?? "meta.k8s.io/v1";
        var columns = TableColumns.For(type, CrdOf(type), time.GetUtcNow());
        return TableWriter.Build(type, items, revision.ToString(CultureInfo.InvariantCulture), apiVersion, request.Query["includeObject"], columns);
    }

    private JsonObject? CrdOf(ResourceType type)
    {
        if (!type.IsCustom || registry.Find("apiextensions.k8s.io", "v1", "customresourcedefinitions") is not { } crds)
        {
            return null;
        }

        return store.Get(crds, null, $"{type.Resource}.{type.Group}")?.ToNode();
    }
}
