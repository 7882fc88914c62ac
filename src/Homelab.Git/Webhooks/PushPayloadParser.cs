using System.Text.Json;

namespace Homelab.Git.Webhooks;

/// <summary>
/// Reads push payloads. GitHub and Gitea put the URLs under <c>repository</c> (<c>clone_url</c>,
/// <c>html_url</c>, <c>ssh_url</c>, <c>git_url</c>); GitLab under <c>project</c> (<c>git_http_url</c>,
/// <c>git_ssh_url</c>, <c>web_url</c>) and the legacy <c>repository</c>. Generic payloads may use any of these.
/// </summary>
public static class PushPayloadParser
{
    private static readonly string[] UrlFields = ["clone_url", "html_url", "ssh_url", "git_url", "git_http_url", "git_ssh_url", "web_url", "url", "homepage"];

    /// <summary>True when the provider's event header names a push (or is absent, for generic senders).</summary>
    public static bool IsPushEvent(WebhookProvider provider, Microsoft.AspNetCore.Http.IHeaderDictionary headers) => provider switch
    {
        WebhookProvider.GitHub => headers["X-GitHub-Event"] == "push",
        WebhookProvider.Gitea => headers["X-Gitea-Event"] == "push" || headers["X-GitHub-Event"] == "push",
        WebhookProvider.GitLab => headers["X-Gitlab-Event"] is var e && (e == "Push Hook" || e == "Tag Push Hook"),
        _ => true,
    };

    /// <summary>Parses a push payload; throws <see cref="FormatException"/> (without echoing the payload) when it is not one.</summary>
    public static PushEvent Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            throw new FormatException($"payload is not valid JSON (line {e.LineNumber + 1})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("payload is not a JSON object");
            }

            if (!root.TryGetProperty("ref", out var refElement) || refElement.ValueKind != JsonValueKind.String
                || !refElement.GetString()!.StartsWith("refs/", StringComparison.Ordinal))
            {
                throw new FormatException("payload has no 'ref' like 'refs/heads/<branch>'");
            }

            var urls = new List<string>();
            foreach (var container in new[] { "repository", "project" })
            {
                if (root.TryGetProperty(container, out var repo) && repo.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in UrlFields)
                    {
                        if (repo.TryGetProperty(field, out var url) && url.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(url.GetString()))
                        {
                            urls.Add(url.GetString()!);
                        }
                    }
                }
            }

            if (urls.Count == 0)
            {
                throw new FormatException("payload names no repository URL");
            }

            return new PushEvent(urls.Distinct(StringComparer.Ordinal).ToList(), refElement.GetString()!);
        }
    }
}
