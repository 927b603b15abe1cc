using System.Net;
using System.Net.Sockets;

namespace VideoPlatform.TestSupport;

/// <summary>
/// Finds a loopback TCP port nobody listens on, below Linux's ephemeral range so that outgoing
/// connections cannot take it before the caller binds it (and apart from the AppHost's own range).
/// </summary>
public static class FreePort
{
    // Never the same port twice in one test run, even before whoever asked for it has bound it.
    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(10000, 20000);
            lock (HandedOut)
            {
                if (!HandedOut.Add(port))
                {
                    continue;
                }
            }
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
        throw new InvalidOperationException("No free port between 10000 and 20000.");
    }
}
