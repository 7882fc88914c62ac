using System.Globalization;
using System.Text;
using System.Text.Json;
using Homelab.DevCluster.Errors;
using Homelab.DevCluster.Selectors;
using Homelab.DevCluster.Storage;
using Microsoft.AspNetCore.Http;

namespace Homelab.DevCluster.Handlers;

/// <summary>
/// Lists with label and field selectors and limit/continue paging, writing the stored JSON of each
/// item straight into the response (a list of a thousand objects parses nothing).
/// </summary>
internal static class ListHandler
{
    public static async Task HandleAsync(HttpContext context, ApiRequest request, ObjectStore store, Printing.TablePrinter tables, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]);
        var (items, revision) = store.List(request.Type, request.Namespace);
        var selected = items.Where(o => labels.Matches(o.Labels) && fields.Matches(o)).ToList();

        var offset = ParseContinue(query["continue"]);
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : int.MaxValue;
        var page = selected.Skip(offset).Take(limit).ToList();
        var next = offset + page.Count < selected.Count ? EncodeContinue(offset + page.Count) : null;

        var response = context.Response;
        if (Printing.TablePrinter.Wanted(context.Request))
        {
            var table = tables.Print(context.Request, request.Type, page.Select(p => p.ToNode()).ToList(), revision);
            if (next is not null)
            {
                table["metadata"]!["continue"] = next;
            }

            await ResponseWriter.WriteAsync(response, System.Net.HttpStatusCode.OK, table, cancellationToken);
            return;
        }

        response.StatusCode = 200;
        response.ContentType = ResponseWriter.Json;
        var metadata = new Dictionary<string, object> { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) };
        if (next is not null)
        {
            metadata["continue"] = next;
            metadata["remainingItemCount"] = selected.Count - offset - page.Count;
        }

        var header = $"{{\"kind\":\"{request.Type.ListKind}\",\"apiVersion\":\"{request.Type.ApiVersion}\",\"metadata\":{JsonSerializer.Serialize(metadata)},\"items\":[";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(header), cancellationToken);
        for (var i = 0; i < page.Count; i++)
        {
            if (i > 0)
            {
                await response.Body.WriteAsync(","u8.ToArray(), cancellationToken);
            }

            await response.Body.WriteAsync(page[i].Json, cancellationToken);
        }

        await response.Body.WriteAsync("]}"u8.ToArray(), cancellationToken);
    }

    private static int ParseContinue(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("offset:", StringComparison.Ordinal) && int.TryParse(text[7..], out var n) && n >= 0
                ? n
                : throw ApiErrors.BadRequest("continue key is not valid");
        }
        catch (FormatException)
        {
            throw ApiErrors.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
    }

    private static string EncodeContinue(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"offset:{offset}"));
}
