namespace Homelab.Web.Backends;

/// <summary>
/// The hosting service's own gRPC address, resolved on first use: at registration time Kestrel has not
/// bound its ports yet (tests bind port 0), so <c>MapHomelabWeb</c> hands over a resolver.
/// </summary>
internal sealed class SelfGrpcAddress
{
    private Func<Uri>? _resolve;

    public void Use(Func<Uri> resolve) => _resolve = resolve;

    public Uri Resolve() => _resolve?.Invoke()
        ?? throw new InvalidOperationException("the web UI's gRPC address is unknown: call MapHomelabWeb on the host");
}
