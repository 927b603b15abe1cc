using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// PO tokens from a bgutil-compatible provider (<see cref="PoTokenOptions.ProviderUrl"/>):
/// <c>POST /get_pot</c> with the video id as <c>content_binding</c>, answered with <c>poToken</c>
/// and <c>expiresAt</c>. A token is kept per video until it expires, and concurrent callers share
/// one request. Any failure of the provider yields no token (and the provider is left alone for
/// <see cref="PoTokenOptions.FailureBackoff"/>), so extraction goes on with the token-free clients.
/// </summary>
public sealed partial class YouTubePoTokens(
    IHttpClientFactory clients,
    IOptions<YouTubeOptions> options,
    TimeProvider time,
    ILogger<YouTubePoTokens> logger)
{
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, (Lazy<Task<string?>> Request, DateTimeOffset Until)> _tokens = new(StringComparer.Ordinal);
    // Ticks (UTC) until which the provider is left alone; a long, read and written whole across threads.
    private long _providerDownUntil;

    public bool IsConfigured => options.Value.PoToken.ProviderUrl is not null;

    /// <summary>A token bound to <paramref name="videoId"/>, or null when there is none to be had now.</summary>
    public async Task<string?> GetAsync(string videoId, CancellationToken cancellationToken)
    {
        if (options.Value.PoToken.ProviderUrl is not { } provider || time.GetUtcNow().UtcTicks < Interlocked.Read(ref _providerDownUntil))
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (_tokens.Count > MaxRemembered)
        {
            foreach (var (key, stale) in _tokens)
            {
                if (stale.Until <= now)
                {
                    _tokens.TryRemove(key, out _);
                }
            }
        }
        var entry = _tokens.AddOrUpdate(videoId,
            id => (new Lazy<Task<string?>>(() => RequestAsync(provider, id)), DateTimeOffset.MaxValue),
            (id, known) => known.Until <= now ? (new Lazy<Task<string?>>(() => RequestAsync(provider, id)), DateTimeOffset.MaxValue) : known);
        return await entry.Request.Value.WaitAsync(cancellationToken);
    }

    private async Task<string?> RequestAsync(Uri provider, string videoId)
    {
        var settings = options.Value.PoToken;
        try
        {
            using var timeout = new CancellationTokenSource(settings.Timeout, time);
            using var response = await clients.CreateClient(nameof(YouTubePoTokens)).PostAsync(new Uri(provider, "get_pot"),
                JsonRequestContent.Create(new JsonObject { ["content_binding"] = videoId }), timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return Failed(videoId, $"the provider answered {(int)response.StatusCode}");
            }
            var answer = await response.Content.ReadFromJsonAsync<JsonObject>(timeout.Token);
            if (answer?["poToken"] is not JsonValue value || !value.TryGetValue<string>(out var token) || token.Length == 0)
            {
                return Failed(videoId, "the provider's answer has no poToken");
            }
            var expires = answer["expiresAt"] is JsonValue at && at.TryGetValue<string>(out var text)
                          && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : time.GetUtcNow() + settings.DefaultLifetime;
            Remember(videoId, token, expires);
            LogTokenReceived(logger, videoId, expires);
            return token;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return Failed(videoId, ex.Message);
        }
    }

    private void Remember(string videoId, string token, DateTimeOffset expires) =>
        _tokens[videoId] = (new Lazy<Task<string?>>(Task.FromResult<string?>(token)), expires);

    private string? Failed(string videoId, string reason)
    {
        LogProviderFailed(logger, videoId, reason);
        Interlocked.Exchange(ref _providerDownUntil, (time.GetUtcNow() + options.Value.PoToken.FailureBackoff).UtcTicks);
        _tokens.TryRemove(videoId, out _);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PO token for {VideoId} received, valid until {ExpiresAt}")]
    private static partial void LogTokenReceived(ILogger logger, string videoId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PO token provider failed for {VideoId}: {Reason}; using the token-free clients")]
    private static partial void LogProviderFailed(ILogger logger, string videoId, string reason);
}
