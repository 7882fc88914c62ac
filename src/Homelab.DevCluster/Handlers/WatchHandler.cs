using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Homelab.DevCluster.Errors;
using Homelab.DevCluster.Selectors;
using Homelab.DevCluster.Storage;
using Microsoft.AspNetCore.Http;

namespace Homelab.DevCluster.Handlers;

/// <summary>
/// Watch streams: one JSON event per line, flushed per event. Supports resuming from a
/// resourceVersion (410 Expired as an ERROR event when it is too old), synthetic ADDED events from
/// "0", the WatchList protocol (<c>sendInitialEvents</c> ending in the initial-events-end bookmark),
/// periodic bookmarks, selectors (objects leaving a selection arrive as DELETED) and timeoutSeconds.
/// </summary>
internal sealed class WatchHandler(ObjectStore store, Printing.TablePrinter tables, TimeProvider time, TimeSpan bookmarkInterval)
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public async Task HandleAsync(HttpContext context, ApiRequest request, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fieldText = (string?)query["fieldSelector"];
        if (request.Name is not null)
        {
            fieldText = string.IsNullOrEmpty(fieldText) ? $"metadata.name={request.Name}" : $"{fieldText},metadata.name={request.Name}";
        }

        var fields = FieldSelector.Parse(fieldText);
        Func<StoredObject, byte[]> encode = Printing.TablePrinter.Wanted(context.Request)
            ? o => JsonSerializer.SerializeToUtf8Bytes(tables.Print(context.Request, request.Type, [o.ToNode()], o.ResourceVersion))
            : o => o.Json;
        var sendInitialEvents = query["sendInitialEvents"] == "true";
        var bookmarks = query["allowWatchBookmarks"] == "true";
        if (sendInitialEvents && query["resourceVersionMatch"] != "NotOlderThan")
        {
            throw ApiErrors.Invalid(
                request.Type,
                "",
                [FieldError.Forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")]);
        }

        var rvText = (string?)query["resourceVersion"];
        long? from = null;
        if (!sendInitialEvents && !string.IsNullOrEmpty(rvText) && rvText != "0")
        {
            from = long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw ApiErrors.BadRequest($"invalid resource version: \"{rvText}\"");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        var response = context.Response;
        WatchSubscription subscription;
        IReadOnlyList<WatchEvent> initial;
        long revision;
        try
        {
            subscription = store.Watch(request.Type, request.Namespace, from, out initial, out revision);
        }
        catch (ApiException gone) when (gone.Code == HttpStatusCode.Gone)
        {
            response.StatusCode = 200;
            response.ContentType = ResponseWriter.Json;
            await WriteLineAsync(response, new JsonObject { ["type"] = "ERROR", ["object"] = gone.ToStatus() }, cancellationToken);
            return;
        }

        using (subscription)
        {
            response.StatusCode = 200;
            response.ContentType = ResponseWriter.Json;
            response.Headers.CacheControl = "no-cache, private";
            foreach (var e in initial)
            {
                if (Translate(e, labels, fields) is { } type)
                {
                    await WriteEventAsync(response, type, encode(e.Object), timeout.Token);
                }
            }

            if (sendInitialEvents)
            {
                await WriteBookmarkAsync(response, request, revision, initialEventsEnd: true, timeout.Token);
            }

            await response.Body.FlushAsync(timeout.Token);
            await PumpAsync(response, request, subscription, labels, fields, bookmarks, encode, timeout.Token);
        }
    }

    private async Task PumpAsync(
        HttpResponse response,
        ApiRequest request,
        WatchSubscription subscription,
        LabelSelector labels,
        FieldSelector fields,
        bool bookmarks,
        Func<StoredObject, byte[]> encode,
        CancellationToken cancellationToken)
    {
        var reader = subscription.Events;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var wait = reader.WaitToReadAsync(cancellationToken).AsTask();
                if (bookmarks)
                {
                    var tick = Task.Delay(bookmarkInterval, time, cancellationToken);
                    if (await Task.WhenAny(wait, tick) == tick)
                    {
                        // All events up to the current revision are already queued for us (the store
                        // publishes under its lock), so an empty queue means the client is up to date.
                        var current = store.CurrentRevision;
                        if (!reader.TryPeek(out _))
                        {
                            await WriteBookmarkAsync(response, request, current, initialEventsEnd: false, cancellationToken);
                            await response.Body.FlushAsync(cancellationToken);
                        }

                        continue;
                    }
                }

                if (!await wait)
                {
                    return;
                }

                while (reader.TryRead(out var e))
                {
                    if (Translate(e, labels, fields) is { } type)
                    {
                        await WriteEventAsync(response, type, encode(e.Object), cancellationToken);
                    }
                }

                await response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // timeoutSeconds elapsed, the client went away or the server is stopping: end the stream.
        }
    }

    /// <summary>The event type a filtered watcher sees, or null when the change is outside its selection.</summary>
    private static string? Translate(WatchEvent e, LabelSelector labels, FieldSelector fields)
    {
        var now = labels.Matches(e.Object.Labels) && fields.Matches(e.Object);
        var before = e.Previous is { } p && labels.Matches(p.Labels) && fields.Matches(p);
        return e.Type switch
        {
            WatchEvent.Deleted => before || now ? WatchEvent.Deleted : null,
            WatchEvent.Added => now ? WatchEvent.Added : null,
            _ => (before, now) switch
            {
                (true, true) => WatchEvent.Modified,
                (false, true) => WatchEvent.Added,
                (true, false) => WatchEvent.Deleted,
                _ => null,
            },
        };
    }

    private static async Task WriteEventAsync(HttpResponse response, string type, byte[] json, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes($"{{\"type\":\"{type}\",\"object\":"), cancellationToken);
        await response.Body.WriteAsync(json, cancellationToken);
        await response.Body.WriteAsync("}\n"u8.ToArray(), cancellationToken);
    }

    private static Task WriteBookmarkAsync(HttpResponse response, ApiRequest request, long revision, bool initialEventsEnd, CancellationToken cancellationToken)
    {
        var metadata = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        var bookmark = new JsonObject
        {
            ["type"] = "BOOKMARK",
            ["object"] = new JsonObject { ["kind"] = request.Type.Kind, ["apiVersion"] = request.Type.ApiVersion, ["metadata"] = metadata },
        };
        return WriteLineAsync(response, bookmark, cancellationToken);
    }

    private static async Task WriteLineAsync(HttpResponse response, JsonObject line, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(line), cancellationToken);
        await response.Body.WriteAsync(NewLine, cancellationToken);
    }
}
