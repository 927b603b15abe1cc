using System.Net.Sockets;
using System.Text;

namespace VideoPlatform.AppHost.Tests;

/// <summary>Redis spoken directly (inline commands over TCP), to see what the server itself requires.</summary>
internal static class Resp
{
    /// <summary>Sends inline commands on one connection; the first line of each reply, joined by '|'.</summary>
    public static async Task<string> SendAsync(Uri endpoint, CancellationToken cancellationToken, params string[] commands)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(string.Concat(commands.Select(c => c + "\r\n"))), cancellationToken);
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (received.ToString().Split("\r\n").Length <= commands.Length)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            Assert.True(read > 0, "Redis closed the connection");
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return string.Join("|", received.ToString().Split("\r\n")[..commands.Length]);
    }
}
