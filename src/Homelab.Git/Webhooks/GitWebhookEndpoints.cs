using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Homelab.Git.Webhooks;

/// <summary>
/// <c>POST {prefix}/{name}</c>: verify the webhook against receiver <c>name</c>, parse the push and
/// notify watchers. Unknown receiver → 404, unverified → 401, malformed → 400, too large → 413,
/// a non-push event (e.g. GitHub's ping) → 202. Logs name the receiver and outcome, never the payload.
/// </summary>
public static class GitWebhookEndpoints
{
    /// <summary>Pushes are small; anything larger is refused before it is buffered.</summary>
    public const int MaxPayloadBytes = 1 << 20;

    public static IServiceCollection AddGitWebhooks(this IServiceCollection services)
    {
        services.TryAddSingleton<GitWebhookRegistry>();
        services.TryAddSingleton<GitPushNotifier>();
        return services;
    }

    public static IEndpointConventionBuilder MapGitWebhooks(this IEndpointRouteBuilder endpoints, string prefix = "/hooks")
    {
        return endpoints.MapPost(prefix.TrimEnd('/') + "/{name}", HandleAsync);
    }

    private static async Task<IResult> HandleAsync(
        string name,
        HttpRequest request,
        GitWebhookRegistry registry,
        GitPushNotifier notifier,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger(typeof(GitWebhookEndpoints).FullName!);
        var receiver = registry.Find(name);
        if (receiver is null)
        {
            logger.LogWarning("Webhook for unknown receiver {Receiver} refused", name);
            return Results.NotFound();
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            logger.LogWarning("Webhook for {Receiver} refused: payload larger than {Max} bytes", name, MaxPayloadBytes);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!WebhookVerifier.Verify(receiver.Provider, request.Headers, body, receiver.Secret))
        {
            logger.LogWarning("Webhook for {Receiver} ({Provider}) refused: signature or token not verified", name, receiver.Provider);
            return Results.Unauthorized();
        }

        if (!PushPayloadParser.IsPushEvent(receiver.Provider, request.Headers))
        {
            logger.LogInformation("Webhook for {Receiver} ignored: not a push event", name);
            return Results.Accepted();
        }

        PushEvent push;
        try
        {
            push = PushPayloadParser.Parse(body);
        }
        catch (FormatException e)
        {
            logger.LogWarning("Webhook for {Receiver} refused: {Problem}", name, e.Message);
            return Results.BadRequest(new { error = e.Message });
        }

        var notified = await notifier.PublishAsync(push, cancellationToken);
        logger.LogInformation("Webhook for {Receiver}: push to {Ref} notified {Count} watcher(s)", name, push.Ref, notified);
        return Results.Ok(new { notified });
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxPayloadBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxPayloadBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
