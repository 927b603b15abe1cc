using System.Net;
using System.Net.Sockets;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// An HTTP client whose connections leave from one loopback address of 127.0.0.0/8, so that a
/// service sees a distinct player per address. Redirects are not followed: the 302 is the answer.
/// </summary>
internal static class PlayerClient
{
    public static HttpClient From(IPAddress local, Uri baseAddress) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromMinutes(1),
    };
}
