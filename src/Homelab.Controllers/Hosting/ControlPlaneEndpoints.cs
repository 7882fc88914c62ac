using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Homelab.Controllers.Hosting;

/// <summary>The two Kestrel listeners, kept so the bound addresses (port 0 in tests) can be read after start.</summary>
internal sealed class ControlPlaneEndpoints
{
    private readonly Dictionary<string, ListenOptions> _listeners = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string name, ListenOptions listener) => _listeners[name] = listener;

    public Uri Get(string name)
    {
        if (!_listeners.TryGetValue(name, out var listener))
        {
            throw new ArgumentException($"no endpoint named '{name}' (known: {string.Join(", ", _listeners.Keys)})", nameof(name));
        }

        // Kestrel replaces the endpoint with the bound one, so port 0 becomes the real port once started.
        var endpoint = listener.IPEndPoint ?? throw new InvalidOperationException($"endpoint '{name}' is not an IP endpoint");
        if (endpoint.Port == 0)
        {
            throw new InvalidOperationException($"endpoint '{name}' is not bound yet: call GetEndpoint after StartAsync");
        }

        var host = endpoint.Address.Equals(IPAddress.Any) ? "127.0.0.1"
            : endpoint.Address.Equals(IPAddress.IPv6Any) ? "[::1]"
            : endpoint.Address.ToString();
        if (endpoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !host.StartsWith('['))
        {
            host = $"[{host}]";
        }

        return new Uri($"http://{host}:{endpoint.Port}");
    }
}
