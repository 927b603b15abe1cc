using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Aspire.Hosting.Orchestration;

/// <summary>A health answer: the status and, when there is one, why.</summary>
internal readonly record struct HealthReading(HealthStatus Status, string? Description);

/// <summary>How the engine learns whether a resource serves: PING for Redis, <c>/health</c> for projects.</summary>
internal static class HealthProbes
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    /// <summary>
    /// PING over RESP, after AUTH when a password is known. A server that asks for AUTH still
    /// counts as live when no password is known (a connection string without one); one that
    /// refuses the known password is not the server the services are told about.
    /// </summary>
    public static async Task<HealthReading> PingRedisAsync(string host, int port, string? password, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token);
            var stream = client.GetStream();
            var request = new StringBuilder();
            if (password is not null)
            {
                request.Append($"*2\r\n$4\r\nAUTH\r\n${Encoding.UTF8.GetByteCount(password)}\r\n{password}\r\n");
            }
            request.Append("*1\r\n$4\r\nPING\r\n");
            await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeout.Token);

            var replies = await ReadLinesAsync(stream, password is null ? 1 : 2, timeout.Token);
            if (password is not null && !replies[0].StartsWith("+OK", StringComparison.Ordinal))
            {
                return new HealthReading(HealthStatus.Unhealthy, $"refuses the password: {replies[0]}");
            }
            var answer = replies[^1];
            return answer.StartsWith("+PONG", StringComparison.Ordinal)
                ? new HealthReading(HealthStatus.Healthy, null)
                // -NOAUTH still proves a live server; anything else is not Redis as we know it.
                : answer.StartsWith("-NOAUTH", StringComparison.Ordinal)
                    ? new HealthReading(HealthStatus.Healthy, "answers, requires AUTH")
                    : new HealthReading(HealthStatus.Unhealthy, $"unexpected answer to PING: {answer}");
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return new HealthReading(HealthStatus.Unhealthy, $"no answer to PING on {host}:{port}");
        }
    }

    /// <summary>Reads <paramref name="count"/> simple RESP replies (one line each).</summary>
    private static async Task<string[]> ReadLinesAsync(Stream stream, int count, CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var buffer = new byte[256];
        while (received.ToString().Split("\r\n").Length <= count)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException("Redis closed the connection.");
            }
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return received.ToString().Split("\r\n")[..count];
    }

    /// <summary>
    /// GETs a project's health endpoint. ServiceDefaults answers <c>{"status":"Healthy|Degraded|Unhealthy", "checks":{…}}</c>;
    /// the description names the checks that are not healthy.
    /// </summary>
    public static async Task<HealthReading> GetHttpHealthAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(url, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return Parse(body, response.IsSuccessStatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new HealthReading(HealthStatus.Unhealthy, $"no answer from {url}");
        }
    }

    internal static HealthReading Parse(string body, bool success)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var status = root.TryGetProperty("status", out var s) && Enum.TryParse<HealthStatus>(s.GetString(), out var parsed)
                ? parsed
                : success ? HealthStatus.Healthy : HealthStatus.Unhealthy;
            string? description = null;
            if (root.TryGetProperty("checks", out var checks) && checks.ValueKind == JsonValueKind.Object)
            {
                var notes = checks.EnumerateObject()
                    .Where(c => c.Value.TryGetProperty("status", out var cs) && cs.GetString() != nameof(HealthStatus.Healthy))
                    .Select(c => c.Value.TryGetProperty("description", out var d) ? $"{c.Name}: {d.GetString()}" : c.Name);
                description = string.Join("; ", notes) is { Length: > 0 } joined ? joined : null;
            }
            return new HealthReading(status, description);
        }
        catch (JsonException)
        {
            // A plain-text health endpoint ("Healthy").
            return Enum.TryParse<HealthStatus>(body.Trim(), out var plain)
                ? new HealthReading(plain, null)
                : new HealthReading(success ? HealthStatus.Healthy : HealthStatus.Unhealthy, null);
        }
    }
}
