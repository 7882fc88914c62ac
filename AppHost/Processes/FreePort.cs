using System.Net;
using System.Net.Sockets;

namespace Homelab.AppHost.Processes;

/// <summary>
/// Picks free loopback ports up front, as Aspire does, so every URL is known before a service starts
/// and can be injected into the services that call it.
/// </summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
