using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace VideoPlatform.TestSupport;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, without persistence, for one test class
/// (<c>IClassFixture&lt;RedisServerFixture&gt;</c>). Fails with a clear message when
/// <c>redis-server</c> is not installed (<c>apt-get install redis-server</c>).
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; private set; }

    /// <summary>StackExchange.Redis connection string, e.g. <c>127.0.0.1:6379</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        Port = FreePort.Next();
        _process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start (is it installed? apt-get install redis-server)");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var process = _process;
        await Wait.UntilAsync($"redis-server on port {Port} to answer PING", _ => process.HasExited
            ? throw new InvalidOperationException($"redis-server on port {Port} exited ({process.ExitCode}) before answering")
            : PingAsync(), TimeSpan.FromSeconds(15));
    }

    /// <summary>True when the server answers PING.</summary>
    public async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync("127.0.0.1", Port, cts.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cts.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, cts.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }
}
