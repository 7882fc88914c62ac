using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Homelab.Controllers.Hosting;

/// <summary>
/// Read methods: allowed with a valid token; without one, allowed when <c>Api:OpenReads</c> is true, or
/// (when it is not set) for callers on loopback only, so a read API bound to a pod IP is not open to the cluster.
/// </summary>
internal sealed class ReadAccessRequirement(bool? openReads) : AuthorizationHandler<ReadAccessRequirement>, IAuthorizationRequirement
{
    /// <summary>Null: open to loopback callers only.</summary>
    public bool? OpenReads { get; } = openReads;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ReadAccessRequirement requirement)
    {
        var authenticated = context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == ApiAuthorization.Scheme);
        var remote = (context.Resource as HttpContext)?.Connection.RemoteIpAddress;
        var open = requirement.OpenReads ?? (remote is not null && IPAddress.IsLoopback(remote));
        if (authenticated || open)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
