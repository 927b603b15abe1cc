using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Refit;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Metrics;
using VideoPlatform.Streaming.Proxy;
using VideoPlatform.Streaming.Selection;

namespace VideoPlatform.Streaming.Resolution;

/// <summary>
/// Turns (platform, video, request) into one chosen format: formats from the metadata service
/// (kept here briefly, in-process), the selector applied, the answer described as a
/// <see cref="ResolvedStream"/>. Metadata's problems are passed on with their codes.
/// </summary>
public sealed class StreamResolver(
    IMetadataApi metadata,
    HybridCache cache,
    StreamMetricsCollector metrics,
    MediaHostPolicy hosts,
    IOptions<StreamingOptions> options,
    TimeProvider time)
{
    // HybridCache cannot list or count its entries; what this instance stored, and until when, is
    // kept beside it for /cache/stats.
    private readonly ConcurrentDictionary<string, (string Platform, DateTimeOffset Until)> _entries = new();

    /// <summary>Videos whose formats this instance holds now, by platform.</summary>
    public IReadOnlyDictionary<string, int> CachedByPlatform()
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in _entries)
        {
            if (entry.Until <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }
        return _entries.Values.Where(e => e.Until > now).GroupBy(e => e.Platform)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    public async Task<FormatList> GetFormatsAsync(string platform, string videoId, bool fresh, CancellationToken cancellationToken)
    {
        var key = $"stream-formats:{platform}:{videoId}";
        if (fresh)
        {
            _entries.TryRemove(key, out _);
            await cache.RemoveAsync(key, cancellationToken);
        }

        var started = Stopwatch.GetTimestamp();
        var fetched = false;
        var formats = await cache.GetOrCreateAsync(key, async token =>
            {
                fetched = true;
                var list = await FetchAsync(platform, videoId, fresh, token);
                _entries[key] = (platform, time.GetUtcNow() + options.Value.FormatsTtl);
                return list;
            },
            new HybridCacheEntryOptions
            {
                Expiration = options.Value.FormatsTtl,
                LocalCacheExpiration = options.Value.FormatsTtl,
                // Metadata already shares its results through Redis; this is only a short local memory.
                Flags = HybridCacheEntryFlags.DisableDistributedCache,
            },
            cancellationToken: cancellationToken);
        metrics.Resolved(!fetched, Stopwatch.GetElapsedTime(started));

        if (!fetched && formats.ExpiresAt is { } expires && expires <= time.GetUtcNow().AddMinutes(1))
        {
            return await GetFormatsAsync(platform, videoId, fresh: true, cancellationToken);
        }
        return formats;
    }

    public async Task<ResolvedStream> ResolveAsync(string platform, string videoId, StreamRequest request, bool fresh, CancellationToken cancellationToken)
    {
        var formats = await GetFormatsAsync(platform, videoId, fresh, cancellationToken);
        var expression = FormatSelector.ExpressionFor(request.Quality, request.Format, request.Player);
        // Only URLs this service may contact or redirect to are chosen at all: every route that
        // answers with the chosen URL (a 302, JSON, legacy's redirects) hands on a vetted one.
        var playable = Playable(formats);
        var chosen = FormatSelector.Select(expression, playable);
        // AVPro plays HLS: when the one file it would get is not a muxed MP4 (YouTube's itag 18
        // needs a PO token now), the HLS master is what plays.
        if (chosen is not null && PlayableHls(formats) is not null
            && string.Equals(request.Player, "avpro", StringComparison.OrdinalIgnoreCase) && !IsMuxedMp4(chosen))
        {
            chosen = null;
        }
        if (chosen is null)
        {
            if (PlayableHls(formats) is { } hls)
            {
                // Live streams and HLS-only videos: the master playlist is the one playable URL.
                chosen = new VideoFormat
                {
                    FormatId = "hls",
                    Url = hls.AbsoluteUri,
                    Ext = "mp4",
                    MimeType = "application/x-mpegURL",
                    Protocol = "hls",
                    HasVideo = true,
                    HasAudio = true,
                };
            }
            else if (playable.Count < formats.Formats.Count && FormatSelector.Select(expression, formats.Formats) is { } refused)
            {
                throw new ProblemException(ErrorCodes.UpstreamUnavailable,
                    $"The media host {HostOf(refused.Url)} is not on the allow-list (Streaming:AllowedMediaHosts).");
            }
            else
            {
                throw new ProblemException(ErrorCodes.NoMatchingFormat,
                    $"No format of {platform}/{videoId} matches '{expression}' ({formats.Formats.Count} formats offered).");
            }
        }

        var query = QueryOf(request);
        return new ResolvedStream
        {
            Platform = platform,
            VideoId = videoId,
            StreamUrl = chosen.Url,
            ExpiresAt = formats.ExpiresAt,
            Format = chosen,
            RequiresProxy = chosen.HttpHeaders.Count > 0,
            ProxyPath = $"/api/v2/stream/proxy/{platform}/{Uri.EscapeDataString(videoId)}{query}",
            HlsPath = formats.HlsManifestUrl is null ? null : $"/api/v2/stream/{platform}/{Uri.EscapeDataString(videoId)}?mode=hls",
            Delivery = chosen.Protocol == "hls" ? "hls" : chosen is { HasVideo: true, HasAudio: true } ? "progressive" : "adaptive",
            Title = formats.Title,
            Duration = formats.Duration,
        };
    }

    /// <summary>The formats whose URLs the media-host policy admits: the only ones any route may use.</summary>
    public IReadOnlyList<VideoFormat> Playable(FormatList formats) => formats.Formats.Where(f => IsAllowed(f.Url)).ToList();

    /// <summary>The video's HLS master playlist, when it has one the media-host policy admits.</summary>
    public Uri? PlayableHls(FormatList formats) =>
        Uri.TryCreate(formats.HlsManifestUrl, UriKind.Absolute, out var master) && hosts.IsAllowed(master) ? master : null;

    private bool IsAllowed(string url) => Uri.TryCreate(url, UriKind.Absolute, out var parsed) && hosts.IsAllowed(parsed);

    private static string HostOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed.Host : "(not a URL)";

    private async Task<FormatList> FetchAsync(string platform, string videoId, bool fresh, CancellationToken cancellationToken)
    {
        try
        {
            // Fresh: a URL was refused or has expired; metadata's own copy may hold the same URLs.
            return fresh
                ? await metadata.GetFreshFormatsAsync(platform, videoId, cancellationToken)
                : await metadata.GetFormatsAsync(platform, videoId, cancellationToken);
        }
        catch (ApiException ex)
        {
            throw DependencyProblems.Relay(ex, "metadata");
        }
    }

    private static bool IsMuxedMp4(VideoFormat format) => format is { HasVideo: true, HasAudio: true, Ext: "mp4" };

    private static string QueryOf(StreamRequest request)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        Add("quality", request.Quality);
        Add("format", request.Format);
        Add("player", request.Player);
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
