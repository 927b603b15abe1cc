using System.Net;
using System.Net.Sockets;

namespace Aspire.Hosting.Orchestration;

/// <summary>Ports: finding free ones, and failing clearly when a fixed one is taken.</summary>
internal static class PortGuard
{
    // Below Linux's ephemeral range (32768–60999): a port chosen here cannot be taken in the
    // meantime by the source port of some outgoing connection, as a kernel-chosen one can.
    private const int First = 20000;
    private const int Last = 32000;

    // Every port handed out in this process, so that two compositions planned at the same moment
    // (tests run them in parallel) never get the same one before either has bound it.
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    public static int NextFree()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            lock (Gate)
            {
                if (HandedOut.Contains(port))
                {
                    continue;
                }
            }
            if (IsFree(port))
            {
                lock (Gate)
                {
                    if (HandedOut.Add(port))
                    {
                        return port;
                    }
                }
            }
        }
        throw new InvalidOperationException($"No free port between {First} and {Last}.");
    }

    public static void EnsureFree(int port, string owner)
    {
        if (!IsFree(port))
        {
            throw new InvalidOperationException($"port {port} for {owner} is already in use");
        }
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
