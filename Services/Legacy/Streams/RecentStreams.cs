using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Legacy.Options;
using VideoPlatform.Legacy.Upstream;

namespace VideoPlatform.Legacy.Streams;

/// <summary>
/// What legacy resolved lately, in process: a pasted URL's (platform, id), and the stream chosen
/// for a (video, quality, player, country). Players load the same video over and over — every
/// viewer in a VRChat instance, every retry — and each load would otherwise cost three internal
/// calls (legacy → metadata, legacy → streaming → metadata) for an answer that has not changed.
/// Concurrent loads of one video make one call (HybridCache). A stream is kept
/// <c>Legacy:StreamCacheSeconds</c> (default 60; 0 turns this off) and never past its URL's expiry less a margin;
/// failures are never kept (dead videos have <see cref="DeadVideos"/>).
/// </summary>
internal sealed class RecentStreams(HybridCache cache, TimeProvider time, IOptions<LegacyOptions> options)
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(10);
    private static readonly HybridCacheEntryOptions Located = new()
    {
        Expiration = TimeSpan.FromMinutes(10),
        LocalCacheExpiration = TimeSpan.FromMinutes(10),
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    // Null when the stream cache is turned off (Legacy:StreamCacheSeconds = 0).
    private readonly HybridCacheEntryOptions? _streams = StreamOptions(TimeSpan.FromSeconds(options.Value.StreamCacheSeconds));

    /// <summary>Where a pasted URL points, located by <paramref name="locate"/> (given <paramref name="state"/>) unless it was lately.</summary>
    public async ValueTask<LocatedVideo> LocateAsync<TState>(string url, TState state, Func<TState, CancellationToken, Task<LocatedVideo>> locate,
        CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync($"legacy:located:{url}", (state, locate),
            static async (s, token) => new Kept<LocatedVideo>(await s.locate(s.state, token)), Located, cancellationToken: cancellationToken)).Value;

    /// <summary>
    /// The stream, resolved by <paramref name="resolve"/> (given <paramref name="state"/>) unless one
    /// was kept, and whether it was kept from an earlier request (false: resolved for this one).
    /// </summary>
    public async ValueTask<(ResolvedStream Stream, bool Kept)> ResolveAsync<TState>(LocatedVideo video, string key, TState state,
        Func<TState, CancellationToken, Task<ResolvedStream>> resolve, CancellationToken cancellationToken)
    {
        if (_streams is null)
        {
            return (await resolve(state, cancellationToken), false);
        }
        var cacheKey = $"legacy:stream:{video.Platform}:{video.VideoId}:{key}";
        var lookup = new StreamLookup<TState>(state, resolve);
        var kept = await GetAsync();
        if (kept.ExpiresAt is { } expires && expires - ExpiryMargin <= time.GetUtcNow())
        {
            // The URL inside is about to stop working: ask again, once.
            await cache.RemoveAsync(cacheKey, cancellationToken);
            kept = await GetAsync();
        }
        return (kept, !lookup.Resolved);

        async ValueTask<ResolvedStream> GetAsync() =>
            (await cache.GetOrCreateAsync(cacheKey, lookup, static (lookup, token) => lookup.ResolveAsync(token), _streams,
                [StreamsTag, PlatformTag(video.Platform), VideoTag(video)], cancellationToken)).Value;
    }

    /// <summary>Forgets the streams kept for one video, or for every video of a platform, or all of them.</summary>
    public async Task ForgetAsync(string? platform, string? videoId, CancellationToken cancellationToken)
    {
        var tag = platform is null ? StreamsTag : videoId is null ? PlatformTag(platform) : VideoTag(new LocatedVideo(platform, videoId));
        await cache.RemoveByTagAsync(tag, cancellationToken);
    }

    private const string StreamsTag = "legacy:streams";

    private static string PlatformTag(string platform) => $"{StreamsTag}:{platform}";

    private static string VideoTag(LocatedVideo video) => $"{StreamsTag}:{video.Platform}:{video.VideoId}";

    private static HybridCacheEntryOptions? StreamOptions(TimeSpan ttl) => ttl <= TimeSpan.Zero
        ? null
        : new HybridCacheEntryOptions { Expiration = ttl, LocalCacheExpiration = ttl, Flags = HybridCacheEntryFlags.DisableDistributedCache };
}

/// <summary>
/// One stream lookup, handed to HybridCache's factory as its state rather than captured by closures
/// (a kept stream, the hot path, then allocates this alone); says whether the stream was resolved.
/// </summary>
internal sealed class StreamLookup<TState>(TState state, Func<TState, CancellationToken, Task<ResolvedStream>> resolve)
{
    public bool Resolved { get; private set; }

    public async ValueTask<Kept<ResolvedStream>> ResolveAsync(CancellationToken cancellationToken)
    {
        Resolved = true;
        return new Kept<ResolvedStream>(await resolve(state, cancellationToken));
    }
}

/// <summary>A value as it was resolved; never changed, so HybridCache hands out the same instance on every hit.</summary>
[System.ComponentModel.ImmutableObject(true)]
internal sealed record Kept<T>(T Value);
