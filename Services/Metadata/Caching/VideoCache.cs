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

    public ValueTask<VideoInfo> GetVideoAsync(IVideoExtractor extractor, string videoId, CancellationToken cancellationToken) =>
        GetAsync(Videos, extractor, videoId, refresh: false, cancellationToken);

    /// <summary>
    /// A video's formats, cached on their own. On a miss they are taken from the video's details
    /// when those are cached already (a player that asked for a video's info and then plays it
    /// costs one extraction, not two), else extracted without what only the details need (such as
    /// YouTube's watch page). A hit costs one lookup. With <paramref name="refresh"/>
    /// (the caller's URL was refused) held formats older than <c>RefreshAfter</c> are extracted
    /// again, not taken from the details, and the held details (which carry the same URLs) are
    /// forgotten with them.
    /// </summary>
    public ValueTask<FormatList> GetFormatsAsync(IVideoExtractor extractor, string videoId, CancellationToken cancellationToken, bool refresh = false) =>
        GetAsync(Formats, extractor, videoId, refresh, cancellationToken);

    /// <summary>What the cache holds under <paramref name="key"/> (in process or in Redis), without creating or storing anything.</summary>
    private async Task<CachedResult<T>?> PeekAsync<T>(string key, CancellationToken cancellationToken) =>
        await _cache.GetOrCreateAsync<CachedResult<T>?>(key, static _ => ValueTask.FromResult<CachedResult<T>?>(null), PeekOnly,
            cancellationToken: cancellationToken);

    private static readonly HybridCacheEntryOptions PeekOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    private bool IsStale(DateTimeOffset? expiresAt) => expiresAt is { } expires && expires - _options.ExpiryMargin <= _time.GetUtcNow();

    private static string KeyOf(string kind, string platform, string id) => $"{kind}:{platform}:{id}";

    private static readonly Kind<VideoInfo> Videos = new("video",
        static async (extractor, id, token) => ExtractionBounds.Check(await extractor.GetVideoAsync(id, token)), static video => video.ExpiresAt);

    private static readonly Kind<FormatList> Formats = new("formats",
        static async (extractor, id, token) => ExtractionBounds.Check(await extractor.GetFormatsAsync(id, token)), static formats => formats.ExpiresAt,
        FromDetails: static video => video.ToFormatList());

    /// <param name="refresh">A held value at least <c>RefreshAfter</c> old is fetched again; a value fetched, the video's details (which hold the same URLs) are forgotten.</param>
    private async ValueTask<T> GetAsync<T>(Kind<T> kind, IVideoExtractor extractor, string id, bool refresh, CancellationToken cancellationToken)
    {
        var platform = extractor.Platform.Name;
        var key = KeyOf(kind.Name, platform, id);
        for (var attempt = 0; ; attempt++)
        {
            var lookup = new Lookup<T>(this, kind, extractor, id, fromDetails: !refresh);
            var entry = await _cache.GetOrCreateAsync(key, lookup, static (lookup, token) => lookup.CreateAsync(token), _videoEntries,
                cancellationToken: cancellationToken);
            CountLookup(platform, kind.Name, hit: !lookup.Fetched);

            if (entry.IsUnreadable && attempt == 0)
            {
                // Redis holds it in a form this version does not read: forget it, extract again.
                await _cache.RemoveAsync(key, cancellationToken);
                continue;
            }
            if (entry.ErrorCode is { } code)
            {
                if (!lookup.Fetched && _time.GetUtcNow() - entry.CachedAt > _options.NegativeTtl)
                {
                    await _cache.RemoveAsync(key, cancellationToken);
                    continue;
                }
                throw new ProblemException(code, entry.ErrorDetail ?? code);
            }

            var value = entry.Value!;
            if (attempt == 0 && (IsStale(kind.ExpiresAt(value))
                || (!lookup.Fetched && refresh && _time.GetUtcNow() - entry.CachedAt >= _options.RefreshAfter)))
            {
                // The URLs inside are about to stop working, or have been refused: forget them
                // and extract again, once.
                await _cache.RemoveAsync(key, cancellationToken);
                continue;
            }
            if (lookup.Fetched && refresh)
            {
                // Extracted because a CDN refused a URL: the details, which hold that URL too, go as well.
                await _cache.RemoveAsync(KeyOf(Videos.Name, platform, id), cancellationToken);
            }
            return value;
        }
    }

    /// <summary>What is cached of a video under one kind of key, and how it is had on a miss.</summary>
    /// <param name="FromDetails">How the value is read from the video's cached details, when they hold it; not a platform call.</param>
    private sealed record Kind<T>(string Name, Func<IVideoExtractor, string, CancellationToken, Task<T>> Fetch,
        Func<T, DateTimeOffset?> ExpiresAt, Func<VideoInfo, T>? FromDetails = null);

    /// <summary>
    /// One lookup, handed to HybridCache's factory as its state rather than captured by closures
    /// (a cache hit, the hot path, then allocates this alone); says whether the platform was asked.
    /// </summary>
    private sealed class Lookup<T>(VideoCache cache, Kind<T> kind, IVideoExtractor extractor, string id, bool fromDetails)
    {
        public bool Fetched { get; private set; }

        public async ValueTask<CachedResult<T>> CreateAsync(CancellationToken token)
        {
            if (fromDetails && kind.FromDetails is { } read
                && await cache.PeekAsync<VideoInfo>(KeyOf(Videos.Name, extractor.Platform.Name, id), token) is { Value: { } video }
                && !cache.IsStale(video.ExpiresAt))
            {
                return new CachedResult<T>(read(video), null, null, cache._time.GetUtcNow());
            }
            Fetched = true;
            try
            {
                return new CachedResult<T>(await kind.Fetch(extractor, id, token), null, null, cache._time.GetUtcNow());
            }
            catch (ProblemException ex) when (Remembered.Contains(ex.Code))
            {
                return new CachedResult<T>(default, ex.Code, ex.Message, cache._time.GetUtcNow());
            }
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
