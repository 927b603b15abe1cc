using System.Net.Sockets;
using System.Text;

namespace VideoPlatform.AppHost.Tests;

/// <summary>Sends bytes no well-behaved HTTP client would, and reads the status line back.</summary>
internal static class RawHttp
{
    public static async Task<string> SendAsync(string host, int port, string request)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(host, port, timeout.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(request), timeout.Token);
        }
        catch (IOException)
        {
            // The server may answer and close before reading everything we meant to send.
        }

        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        var text = Encoding.Latin1.GetString(buffer, 0, read);
        return text.Split("\r\n")[0];
    }
}
