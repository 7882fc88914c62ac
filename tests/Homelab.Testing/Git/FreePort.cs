using System.Net;
using System.Net.Sockets;

namespace Homelab.Testing.Git;

public static class FreePort
{
    /// <summary>A loopback port that was free a moment ago (for servers that cannot bind port 0 themselves).</summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on the port.</summary>
    public static Task WaitUntilAcceptingAsync(int port, TimeSpan timeout) => WaitUntilAcceptingAsync(IPAddress.Loopback, port, timeout);

    /// <summary>Waits until something accepts connections on the address and port.</summary>
    public static async Task WaitUntilAcceptingAsync(IPAddress address, int port, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(address, port, cts.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Yield();
                cts.Token.ThrowIfCancellationRequested();
            }
        }
    }
}
