using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VideoPlatform.TestSupport;

/// <summary>
/// A loopback server that answers every connection with bytes the test wrote by hand, for
/// answers a real HTTP server refuses to send (an invalid <c>Content-Length</c>, a body shorter
/// than declared). It reads the request head, writes the answer, and closes.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly Func<string, string> _answer;
    private int _connections;

    private RawHttpServer(Func<string, string> answer)
    {
        _answer = answer;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Starts a server whose answer to a request line (<c>GET /path HTTP/1.1</c>) is <paramref name="answer"/>'s, sent as Latin-1.</summary>
    public static RawHttpServer Start(Func<string, string> answer) => new(answer);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            _ = AnswerAsync(client);
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[4096];
                while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && head.Length < 65536)
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }
                    head.Append(Encoding.Latin1.GetString(buffer, 0, read));
                }
                var requestLine = head.ToString().Split("\r\n")[0];
                await stream.WriteAsync(Encoding.Latin1.GetBytes(_answer(requestLine)), _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // The client went away: nothing to answer.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
