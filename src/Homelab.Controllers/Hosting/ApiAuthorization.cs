namespace Homelab.Controllers.Hosting;

/// <summary>
/// The authorization policies of the gRPC APIs. Mutating methods carry
/// <c>[Authorize(Policy = ApiAuthorization.Mutate)]</c> (a valid bearer token, always); read methods
/// <c>[Authorize(Policy = ApiAuthorization.Read)]</c> (open per <c>Api:OpenReads</c>, default: from loopback only).
/// </summary>
public static class ApiAuthorization
{
    public const string Mutate = "homelab-mutate";
    public const string Read = "homelab-read";

    /// <summary>The authentication scheme that checks the bearer token.</summary>
    public const string Scheme = "HomelabApiToken";
}
