namespace Homelab.Web.Hosting;

/// <summary>
/// Configuration of the web UI (section <c>Web</c>). Reads follow <see cref="RequireLoginForReads"/>;
/// mutating actions always need the API token (<c>Api:Token</c> / <c>Api:TokenFile</c>, the same as gRPC).
/// </summary>
public sealed record WebUiOptions
{
    public const string Section = "Web";

    /// <summary>Where the infrastructure service's gRPC API is (<c>services:infrastructure:grpc:0</c>); null: not shown.</summary>
    public const string InfrastructureAddressKey = "services:infrastructure:grpc:0";

    /// <summary>
    /// true: every read needs the token; false: reads are open to anyone who reaches the port; null (the
    /// default, like the gRPC APIs' <c>Api:OpenReads</c>): open from loopback, login needed from elsewhere,
    /// so a UI published through an Ingress is closed until someone decides otherwise.
    /// </summary>
    public bool? RequireLoginForReads { get; init; }

    public bool LoginRequiredForReads(System.Net.IPAddress? remote) =>
        RequireLoginForReads ?? !(remote is not null && System.Net.IPAddress.IsLoopback(remote));

    public Uri? InfrastructureAddress { get; init; }

    public static WebUiOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Uri? infrastructure = null;
        if (configuration[InfrastructureAddressKey] is { Length: > 0 } address)
        {
            infrastructure = Uri.TryCreate(address.Trim(), UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                ? parsed
                : throw new InvalidOperationException($"{InfrastructureAddressKey} must be an http:// or https:// address (got '{address}')");
        }

        return new WebUiOptions
        {
            RequireLoginForReads = configuration.GetValue<bool?>($"{Section}:RequireLoginForReads"),
            InfrastructureAddress = infrastructure,
        };
    }
}
