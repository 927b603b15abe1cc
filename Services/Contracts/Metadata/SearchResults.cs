namespace VideoPlatform.Contracts.Metadata;

/// <summary>
/// One page of search results (<c>GET /api/v2/search</c>). <see cref="NextCursor"/> asks for the
/// next page; null on the last.
/// </summary>
public sealed record SearchResults
{
    public required string Platform { get; init; }
    public required string Query { get; init; }
    /// <summary><c>video</c>, <c>playlist</c>, <c>channel</c>, or <c>all</c>.</summary>
    public required string Type { get; init; }
    public IReadOnlyList<SearchResult> Items { get; init; } = [];
    public string? NextCursor { get; init; }
}

/// <summary>
/// A video, playlist or channel found by a search; <see cref="Kind"/> says which, and only the
/// fields of that kind are set.
/// </summary>
public sealed record SearchResult
{
    /// <summary><c>video</c>, <c>playlist</c> or <c>channel</c>.</summary>
    public required string Kind { get; init; }
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Url { get; init; }
    public string? Thumbnail { get; init; }
    /// <summary>The channel that published the video or playlist.</summary>
    public string? Author { get; init; }
    public string? ChannelId { get; init; }
    public string? Description { get; init; }
    /// <summary>Video length in seconds; null for live streams.</summary>
    public double? Duration { get; init; }
    /// <summary>Views of a video (viewers now, for a live stream).</summary>
    public long? ViewCount { get; init; }
    public bool? IsLive { get; init; }
    /// <summary>When the video was published, as YouTube words it ("3 years ago").</summary>
    public string? Published { get; init; }
    /// <summary>Videos in a playlist or on a channel.</summary>
    public int? VideoCount { get; init; }
    /// <summary>A channel's handle, with its <c>@</c>.</summary>
    public string? Handle { get; init; }
    /// <summary>A channel's subscribers as YouTube words it ("4.2M subscribers"; YouTube rounds it).</summary>
    public string? Subscribers { get; init; }
}
