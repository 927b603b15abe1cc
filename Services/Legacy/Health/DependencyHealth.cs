using System.Net.Http.Json;
using System.Text.Json;

namespace VideoPlatform.Legacy.Health;

/// <summary>The health of one service legacy depends on, as its <c>/health</c> reported it.</summary>
public sealed record DependencyStatus(string Status, string? Detail);

/// <summary>Asks each service legacy depends on for its <c>/health</c>.</summary>
public sealed class DependencyHealth(IHttpClientFactory clients)
{
    public static readonly string[] Dependencies = ["metadata", "streaming"];

    public async Task<IReadOnlyDictionary<string, DependencyStatus>> CheckAllAsync(CancellationToken cancellationToken)
    {
        var checks = Dependencies.Select(async name => (name, status: await CheckAsync(name, cancellationToken)));
        return (await Task.WhenAll(checks)).ToDictionary(r => r.name, r => r.status);
    }

    public async Task<DependencyStatus> CheckAsync(string service, CancellationToken cancellationToken)
    {
        try
        {
            var client = clients.CreateClient(ClientName(service));
            using var response = await client.GetAsync("/health", cancellationToken);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var status = body.TryGetProperty("status", out var value) ? value.GetString() : null;
            return new DependencyStatus(status ?? (response.IsSuccessStatusCode ? "Healthy" : "Unhealthy"), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException
                                   or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
        {
            return new DependencyStatus("Unhealthy", $"{service} is unreachable: {ex.Message}");
        }
    }

    /// <summary>True when some dependency is unreachable or reports itself unhealthy.</summary>
    public static bool AnyDown(IReadOnlyDictionary<string, DependencyStatus> services) =>
        services.Values.Any(s => s.Status == "Unhealthy");

    internal static string ClientName(string service) => $"health-{service}";
}
