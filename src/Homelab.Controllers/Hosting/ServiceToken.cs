using Grpc.Core;
using Microsoft.Extensions.Configuration;

namespace Homelab.Controllers.Hosting;

/// <summary>
/// This service's own API token (the same <c>Api:Token</c>/<c>Api:TokenFile</c> both services mount), sent
/// on the reads one service makes of the other: in a cluster they talk across pods, and reads from
/// outside loopback need a token. Only for reads the service makes on its own behalf — a user's action
/// carries the user's token, never this one.
/// </summary>
public sealed class ServiceToken(IConfiguration configuration)
{
    private readonly string? _token = ApiToken.Read(configuration);

    /// <summary>The <c>authorization</c> header, or no header when the service has no token.</summary>
    public Metadata Headers() => _token is null ? [] : new Metadata { { "authorization", $"Bearer {_token}" } };
}
