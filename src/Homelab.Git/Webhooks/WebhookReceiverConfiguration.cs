using System.Text;
using Microsoft.Extensions.Configuration;

namespace Homelab.Git.Webhooks;

/// <summary>
/// Push-webhook receivers from configuration (<c>Webhooks:Receivers:N:{Name,Provider,Secret|SecretFile}</c>),
/// served at <c>POST /hooks/{Name}</c> — the same keys for both services, so one Git host webhook setup
/// fits both. The secret is given inline or, better, in a file (a mounted Secret). A receiver without a
/// usable secret stops the start with a message naming it.
/// </summary>
public static class WebhookReceiverConfiguration
{
    public static void RegisterAll(IConfiguration configuration, GitWebhookRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var section in configuration.GetSection("Webhooks:Receivers").GetChildren())
        {
            registry.Set(Read(section));
        }
    }

    private static WebhookReceiver Read(IConfigurationSection section)
    {
        var name = section["Name"] ?? "";
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Webhooks:Receivers:{section.Key}: a receiver needs a Name without '/' (got '{name}')");
        }

        var providerText = section["Provider"] ?? nameof(WebhookProvider.GitHub);
        if (!Enum.TryParse<WebhookProvider>(providerText, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException($"Webhooks:Receivers '{name}': unknown Provider '{providerText}' (known: {string.Join(", ", Enum.GetNames<WebhookProvider>())})");
        }

        var secret = section["SecretFile"] is { Length: > 0 } path
            ? File.Exists(path) ? File.ReadAllText(path).Trim() : throw new InvalidOperationException($"Webhooks:Receivers '{name}': SecretFile '{path}' does not exist")
            : section["Secret"];
        if (string.IsNullOrEmpty(secret))
        {
            // An empty secret verifies nothing, so the receiver would refuse every call: say so now.
            throw new InvalidOperationException($"Webhooks:Receivers '{name}': set Secret or SecretFile");
        }

        return new WebhookReceiver(name, provider, Encoding.UTF8.GetBytes(secret));
    }
}
