using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace VideoPlatform.TestSupport.YouTube;

/// <summary>
/// A bgutil-compatible PO token provider on loopback: <c>POST /get_pot</c> with
/// <c>content_binding</c>, answered with <c>contentBinding</c>, <c>poToken</c> (the binding, so a
/// test can tell tokens apart) and <c>expiresAt</c>, as bgutil's HTTP server answers. Counts its
/// calls and can be made to fail.
/// </summary>
public sealed class FakePoTokenProvider : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private FakePoTokenProvider(LoopbackServer server) => _server = server;

    public Uri BaseUrl => _server.Address;

    /// <summary>Every <c>content_binding</c> asked for, in arrival order.</summary>
    public ConcurrentQueue<string> Bindings { get; } = new();

    /// <summary>While set, the provider answers 500 (as bgutil does when BotGuard cannot be run).</summary>
    public bool Fail { get; set; }

    /// <summary>How long the tokens it mints live.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The token minted for a binding.</summary>
    public static string TokenFor(string binding) => $"MlPoToken-{binding}";

    public static async Task<FakePoTokenProvider> StartAsync()
    {
        FakePoTokenProvider? fake = null;
        var server = await LoopbackServer.StartAsync(routes => routes.MapPost("/get_pot", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var binding = body.RootElement.GetProperty("content_binding").GetString() ?? "";
            fake!.Bindings.Enqueue(binding);
            return fake.Fail
                ? Results.Json(new { error = "Failed to generate a PO token: BotGuard challenge failed" }, statusCode: 500)
                : Results.Json(new
                {
                    contentBinding = binding,
                    poToken = TokenFor(binding),
                    expiresAt = DateTimeOffset.UtcNow.Add(fake.Lifetime).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                });
        }));
        fake = new FakePoTokenProvider(server);
        return fake;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
