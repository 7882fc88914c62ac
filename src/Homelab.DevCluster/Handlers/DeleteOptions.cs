using System.Text.Json.Nodes;
using Homelab.DevCluster.Errors;

namespace Homelab.DevCluster.Handlers;

/// <summary>The parts of a DeleteOptions body (or query) this server honours.</summary>
internal sealed record DeleteOptions(string PropagationPolicy, string? PreconditionUid, long? PreconditionResourceVersion)
{
    public static readonly DeleteOptions Default = new("Background", null, null);

    public static DeleteOptions Read(JsonObject? body, string? queryPolicy)
    {
        var policy = body?["propagationPolicy"]?.GetValue<string>() ?? queryPolicy ?? "Background";
        if (policy is not ("Background" or "Foreground" or "Orphan"))
        {
            throw ApiErrors.Unprocessable($"DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }

        if (body?["orphanDependents"] is JsonValue orphan && orphan.TryGetValue<bool>(out var o) && o)
        {
            policy = "Orphan";
        }

        var preconditions = body?["preconditions"] as JsonObject;
        long? revision = preconditions?["resourceVersion"]?.GetValue<string>() is { } rv && long.TryParse(rv, out var parsed) ? parsed : null;
        return new DeleteOptions(policy, preconditions?["uid"]?.GetValue<string>(), revision);
    }
}
