using System.Text;
using Homelab.Git.Webhooks;

namespace Homelab.Infrastructure.Webhooks;

/// <summary>
/// One push-webhook receiver from configuration (<c>Webhooks:Receivers</c>): served at
/// <c>POST /hooks/{Name}</c>, verified as <see cref="Provider"/> with the shared secret given inline
/// (<see cref="Secret"/>) or, better, in a file (<see cref="SecretFile"/>, e.g. a mounted Secret).
/// </summary>
public sealed class WebhookReceiverSettings
{
    public string Name { get; set; } = "";

    public WebhookProvider Provider { get; set; } = WebhookProvider.GitHub;

    public string? Secret { get; set; }

    public string? SecretFile { get; set; }

    /// <summary>Registers every configured receiver; a receiver without a usable secret stops the start with a message naming it.</summary>
    public static void RegisterAll(IConfiguration configuration, GitWebhookRegistry registry)
    {
        var receivers = configuration.GetSection("Webhooks:Receivers").Get<List<WebhookReceiverSettings>>() ?? [];
        foreach (var receiver in receivers)
        {
            registry.Set(receiver.ToReceiver());
        }
    }

    private WebhookReceiver ToReceiver()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Contains('/', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Webhooks:Receivers: a receiver needs a Name without '/' (got '{Name}')");
        }

        var secret = SecretFile is { Length: > 0 } path
            ? File.Exists(path) ? File.ReadAllText(path).Trim() : throw new InvalidOperationException($"Webhooks:Receivers '{Name}': SecretFile '{path}' does not exist")
            : Secret;
        if (string.IsNullOrEmpty(secret))
        {
            // An empty secret verifies nothing, so such a receiver would refuse every call: better to say so now.
            throw new InvalidOperationException($"Webhooks:Receivers '{Name}': set Secret or SecretFile");
        }

        return new WebhookReceiver(Name, Provider, Encoding.UTF8.GetBytes(secret));
    }
}
