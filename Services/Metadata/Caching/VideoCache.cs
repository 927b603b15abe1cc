using System.Diagnostics.Metrics;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Extractors;

namespace VideoPlatform.Metadata.Caching;

/// <summary>
/// Extraction results through HybridCache (in-process first, Redis second): concurrent requests
/// for one uncached video make one upstream call, every replica shares what one extracted, a
/// dead video is remembered as dead for a while, and stream URLs are never served past their
/// expiry less a margin. Hits and misses are counted on the <c>VideoPlatform.Metadata</c> meter.
/// </summary>
public sealed class VideoCache
{
    public const string MeterName = "VideoPlatform.Metadata";

    private static readonly HashSet<string> Remembered =
    [
        ErrorCodes.VideoUnavailable, ErrorCodes.VideoPrivate, ErrorCodes.GeoRestricted, ErrorCodes.MembersOnly,
        ErrorCodes.PaymentRequired, ErrorCodes.AgeRestricted, ErrorCodes.LoginRequired, ErrorCodes.LiveStreamOffline,
    ];

    private readonly HybridCache _cache;
    private readonly MetadataCacheOptions _options;
    private readonly HybridCacheEntryOptions _videoEntries;
    private readonly TimeProvider _time;
    private readonly Counter<long> _lookups;

    public VideoCache(HybridCache cache, IOptions<MetadataCacheOptions> options, TimeProvider time, IMeterFactory meters)
    {
        _cache = cache;
        _options = options.Value;
        _videoEntries = new HybridCacheEntryOptions { Expiration = _options.VideoTtl, LocalCacheExpiration = _options.VideoTtl };
        _time = time;
        _lookups = meters.Create(MeterName).CreateCounter<long>("metadata.cache.lookups", "{lookup}",
            "Extraction results asked of the cache, by result: hit, or miss (the platform was asked).");
    }

    private void CountLookup(string platform, string kind, bool hit) =>
        _lookups.Add(1, new("platform", platform), new("kind", kind), new("result", hit ? "hit" : "miss"));

    /// <summary>
    /// Anything else worth caching for <paramref name="ttl"/> (a search page, a playlist page, a
    /// caption track), counted on the same counter. The key's parts are the caller's text of any
    /// length, so the cache key is a digest of them. Failures are not cached.
    /// </summary>
    public async Task<T> GetOrFetchAsync<T>(string platform, string kind, IEnumerable<string?> keyParts, TimeSpan ttl,
        Func<CancellationToken, Task<T>> fetch, CancellationToken cancellationToken)
    {
        var digest = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join('\n', keyParts.Select(p => p ?? "\0")))));
        var fetched = false;
        var value = await _cache.GetOrCreateAsync($"{kind}:{platform}:{digest}", async token =>
            {
                fetched = true;
                return await fetch(token);
            },
            new HybridCacheEntryOptions { Expiration = ttl, LocalCacheExpiration = ttl },
            cancellationToken: cancellationToken);
        CountLookup(platform, kind, hit: !fetched);
        return value;
    }

    public Task<VideoInfo> GetVideoAsync(IVideoExtractor extractor, string videoId, CancellationToken cancellationToken) =>
        GetAsync(extractor.Platform.Name, "video", videoId, async token => ExtractionBounds.Check(await extractor.GetVideoAsync(videoId, token)),
            v => v.ExpiresAt, cancellationToken);

    /// <summary>
    /// A video's formats, cached on their own. On a miss they are taken from the video's details
    /// when those are cached already (a player that asked for a video's info and then plays it
    /// costs one extraction, not two), else extracted without what only the details need (such as
    /// YouTube's watch page). A hit costs one lookup. With <paramref name="refresh"/>
    /// (the caller's URL was refused) held formats older than <c>RefreshAfter</c> are extracted
    /// again, not taken from the details, and the held details (which carry the same URLs) are
    /// forgotten with them.
    /// </summary>
    public Task<FormatList> GetFormatsAsync(IVideoExtractor extractor, string videoId, CancellationToken cancellationToken, bool refresh = false)
    {
        var platform = extractor.Platform.Name;
        var details = $"video:{platform}:{videoId}";
        return GetAsync(platform, "formats", videoId, async token => ExtractionBounds.Check(await extractor.GetFormatsAsync(videoId, token)), f => f.ExpiresAt,
            cancellationToken,
            known: refresh ? null : async token => await PeekAsync<VideoInfo>(details, token) is { Value: { } video } && !IsStale(video.ExpiresAt)
                ? video.ToFormatList()
                : null,
            refresh: refresh ? (_options.RefreshAfter, details) : null);
    }

    /// <summary>What the cache holds under <paramref name="key"/> (in process or in Redis), without creating or storing anything.</summary>
    private async Task<CachedResult<T>?> PeekAsync<T>(string key, CancellationToken cancellationToken) =>
        await _cache.GetOrCreateAsync<CachedResult<T>?>(key, static _ => ValueTask.FromResult<CachedResult<T>?>(null), PeekOnly,
            cancellationToken: cancellationToken);

    private static readonly HybridCacheEntryOptions PeekOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    private bool IsStale(DateTimeOffset? expiresAt) => expiresAt is { } expires && expires - _options.ExpiryMargin <= _time.GetUtcNow();

    /// <param name="known">On a miss, asked before <paramref name="fetch"/>: the value if the cache holds it in another form; not a platform call.</param>
    /// <param name="refresh">A held value at least <c>After</c> old is fetched again; a value fetched, the entry under <c>AlsoForget</c> is forgotten.</param>
    private async Task<T> GetAsync<T>(string platform, string kind, string id, Func<CancellationToken, Task<T>> fetch,
        Func<T, DateTimeOffset?> expiresAt, CancellationToken cancellationToken, Func<CancellationToken, Task<T?>>? known = null,
        (TimeSpan After, string AlsoForget)? refresh = null)
    {
        var key = $"{kind}:{platform}:{id}";
        for (var attempt = 0; ; attempt++)
        {
            var fetched = false;
            var entry = await _cache.GetOrCreateAsync(key, async token =>
                {
                    if (known is not null && await known(token) is { } value)
                    {
                        return new CachedResult<T>(value, null, null, _time.GetUtcNow());
                    }
                    fetched = true;
                    try
                    {
                        return new CachedResult<T>(await fetch(token), null, null, _time.GetUtcNow());
                    }
                    catch (ProblemException ex) when (Remembered.Contains(ex.Code))
                    {
                        return new CachedResult<T>(default, ex.Code, ex.Message, _time.GetUtcNow());
                    }
                },
                _videoEntries, cancellationToken: cancellationToken);
            CountLookup(platform, kind, hit: !fetched);

            if (entry.IsUnreadable && attempt == 0)
            {
                // Redis holds it in a form this version does not read: forget it, extract again.
                await _cache.RemoveAsync(key, cancellationToken);
                continue;
            }
            if (entry.ErrorCode is { } code)
            {
                if (!fetched && _time.GetUtcNow() - entry.CachedAt > _options.NegativeTtl)
                {
                    await _cache.RemoveAsync(key, cancellationToken);
                    continue;
                }
                throw new ProblemException(code, entry.ErrorDetail ?? code);
            }

            var value = entry.Value!;
            if (attempt == 0 && (IsStale(expiresAt(value))
                || (!fetched && refresh is { } refused && _time.GetUtcNow() - entry.CachedAt >= refused.After)))
            {
                // The URLs inside are about to stop working, or have been refused: forget them
                // and extract again, once.
                await _cache.RemoveAsync(key, cancellationToken);
                continue;
            }
            if (fetched && refresh is { AlsoForget: var older })
            {
                // Extracted because a CDN refused a URL: what else holds that URL goes too.
                await _cache.RemoveAsync(older, cancellationToken);
            }
            return value;
        }
    }
}

/// <summary>
/// A cached extraction: the value, or the reason the video cannot be had. Never changed once made,
/// which lets HybridCache hand out the same instance on every in-process hit instead of
/// deserialising a copy each time.
/// </summary>
[System.ComponentModel.ImmutableObject(true)]
public sealed record CachedResult<T>(T? Value, string? ErrorCode, string? ErrorDetail, DateTimeOffset CachedAt)
{
    /// <summary>What an entry in Redis reads as when it cannot be read: neither a value nor a reason.</summary>
    public static CachedResult<T> Unreadable { get; } = new(default, null, null, DateTimeOffset.MinValue);

    public bool IsUnreadable => Value is null && ErrorCode is null;
}
