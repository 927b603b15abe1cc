using System.ComponentModel.DataAnnotations;

namespace VideoPlatform.Metadata.Caching;

/// <summary><c>Metadata:Cache</c>: how long what was extracted is kept (locally and in Redis).</summary>
public sealed class MetadataCacheOptions
{
    public const string SectionName = "Metadata:Cache";

    /// <summary>Video details and formats. Never beyond the stream URLs' own expiry less <see cref="ExpiryMargin"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan VideoTtl { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a video known to be dead (removed, private, region-locked…) is answered from cache.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan NegativeTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A page of a playlist or of a channel's uploads.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan PlaylistTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A caption track's cues.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan CaptionsTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A page of search results.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan SearchTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A channel name (handle, <c>/c/</c>, <c>/user/</c>) resolved to its channel id.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan ChannelNameTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Formats asked for with <c>fresh=true</c> (a caller whose URL the CDN refused) are extracted
    /// again once they are this old; younger ones are answered as they are, so that refusals cost
    /// at most one extraction per video in this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RefreshAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Stream URLs this close to expiring are fetched again rather than served.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "02:00:00")]
    public TimeSpan ExpiryMargin { get; set; } = TimeSpan.FromMinutes(10);
}
