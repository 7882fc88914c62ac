namespace Homelab.Cli.Online.Connection;

/// <summary>
/// Where a service is and how the CLI found out (<see cref="Origin"/>: a flag, a variable or an
/// apphost.json path), so every connection error can tell the user which setting to fix.
/// </summary>
public sealed record ServiceTarget(ServiceKind Service, Uri Address, string Origin, string? Token)
{
    /// <summary>Token-free description for messages: secrets never appear in output.</summary>
    public string Describe() => $"{Service.DisplayName} service at {Address.GetLeftPart(UriPartial.Authority)} (from {Origin})";
}
