using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Refit;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;

namespace VideoPlatform.Legacy.Vrchat;

/// <summary><c>Legacy</c> section.</summary>
public sealed class LegacyOptions
{
    /// <summary>
    /// Where players reach the streaming service (proxy and HLS answers redirect there). Default: the
    /// address service discovery gives for <c>streaming</c>.
    /// </summary>
    public Uri? StreamingPublicUrl { get; set; }
}

/// <summary>
/// What every legacy route does: resolve the pasted URL through metadata, ask streaming for the
/// stream, and turn failures into a status and a short message that old clients and players
/// understand (a dead video is 403 so players stop retrying; a dependency down is 503).
/// </summary>
public sealed class LegacyStreams(IMetadataApi metadata, IStreamingApi streaming, IOptions<LegacyOptions> options, IConfiguration configuration, IMemoryCache resolved)
{
    public Uri StreamingPublicUrl { get; } = options.Value.StreamingPublicUrl
        ?? (Uri.TryCreate(configuration["services:streaming:http:0"], UriKind.Absolute, out var discovered) ? discovered : new Uri("http://localhost:5102"));

    /// <summary>No platform's video URL comes close; anything longer is refused before it is passed on.</summary>
    public const int MaxUrlLength = 2048;

    public Uri Public(string pathAndQuery) => new(StreamingPublicUrl, pathAndQuery);

    public async Task<ResolvedUrl> ResolveAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new LegacyFailure(StatusCodes.Status400BadRequest, ErrorCodes.InvalidUrl, "Invalid or missing video URL");
        }
        if (url.Length > MaxUrlLength)
        {
            throw new LegacyFailure(StatusCodes.Status400BadRequest, ErrorCodes.InvalidUrl, $"The video URL is longer than {MaxUrlLength} characters");
        }
        // What a URL points at never changes: remember it, and save players a hop on every replay.
        var video = await resolved.GetOrCreateAsync(url, entry =>
        {
            entry.SetSize(1).SetAbsoluteExpiration(TimeSpan.FromMinutes(30));
            return Call(() => metadata.ResolveAsync(url, cancellationToken));
        });
        return video!.Kind == "video"
            ? video
            : throw new LegacyFailure(StatusCodes.Status400BadRequest, ErrorCodes.InvalidUrl, $"That URL points at a {video.Kind}, not a video");
    }

    public Task<ResolvedStream> StreamAsync(ResolvedUrl video, string? quality, string? player, CancellationToken cancellationToken) =>
        Call(() => streaming.GetDirectAsync(video.Platform, video.Id, new StreamRequest { Quality = quality, Player = player }, cancellationToken));

    public Task<VideoInfo> InfoAsync(ResolvedUrl video, CancellationToken cancellationToken) =>
        Call(() => metadata.GetVideoAsync(video.Platform, video.Id, cancellationToken));

    /// <summary>The seed's quality names as streaming's: highest → best, lowest → worst.</summary>
    public static string? Quality(string? quality) => quality?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "highest" => "best",
        "lowest" => "worst",
        var other => other,
    };

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ApiException ex)
        {
            throw Translate(ex);
        }
        catch (Exception ex) when (ex is ApiRequestException or HttpRequestException or TaskCanceledException
                                   or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new LegacyFailure(StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable,
                "Service temporarily unavailable, try again shortly");
        }
    }

    private static LegacyFailure Translate(ApiException ex)
    {
        string? code = null, detail = null;
        try
        {
            using var problem = JsonDocument.Parse(ex.Content ?? "{}");
            code = problem.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
            detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
        }
        catch (JsonException)
        {
            // Not a problem document.
        }

        return (int)ex.StatusCode switch
        {
            400 or 414 => new LegacyFailure(400, code ?? ErrorCodes.InvalidUrl, detail ?? "Unsupported or invalid video URL"),
            // Dead, private, restricted, paid or not yet live: 403, so players stop retrying.
            401 or 402 or 403 or 404 or 409 or 410 or 451 => new LegacyFailure(403, code ?? ErrorCodes.VideoUnavailable, $"Video unavailable: {detail ?? "it cannot be played"}"),
            429 => new LegacyFailure(503, ErrorCodes.UpstreamThrottled, "The video platform is limiting requests, try again shortly"),
            _ => new LegacyFailure(503, code ?? ErrorCodes.UpstreamUnavailable, "Service temporarily unavailable, try again shortly"),
        };
    }
}
