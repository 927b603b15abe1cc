using System.Net;
using System.Net.Sockets;

namespace Aspire.Hosting.Orchestration;

/// <summary>Ports: finding free ones, and failing clearly when a fixed one is taken.</summary>
internal static class PortGuard
{
    public static int NextFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static void EnsureFree(int port, string owner)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
        catch (SocketException)
        {
            throw new InvalidOperationException($"port {port} for {owner} is already in use");
        }
    }
}
