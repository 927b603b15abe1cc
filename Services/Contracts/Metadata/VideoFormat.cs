namespace VideoPlatform.Contracts.Metadata;

/// <summary>
/// One playable rendition of a video. Muxed formats have both <see cref="HasVideo"/> and
/// <see cref="HasAudio"/>; adaptive ones have one of them.
/// </summary>
public sealed record VideoFormat
{
    /// <summary>Platform format id (YouTube itag, BiliBili quality id).</summary>
    public required string FormatId { get; init; }
    public required string Url { get; init; }
    /// <summary>Container extension: <c>mp4</c>, <c>webm</c>, <c>m4a</c>, <c>flv</c>, <c>m3u8</c>.</summary>
    public required string Ext { get; init; }
    public string? MimeType { get; init; }
    /// <summary>Video codec (<c>avc1.64001F</c>, <c>vp9</c>, <c>av01…</c>) or <c>none</c>.</summary>
    public string Vcodec { get; init; } = "none";
    /// <summary>Audio codec (<c>mp4a.40.2</c>, <c>opus</c>) or <c>none</c>.</summary>
    public string Acodec { get; init; } = "none";
    public int? Width { get; init; }
    public int? Height { get; init; }
    public double? Fps { get; init; }
    /// <summary>Bits per second as the platform reports them (YouTube's <c>bitrate</c>, the peak; BiliBili's <c>bandwidth</c>).</summary>
    public long? Bitrate { get; init; }
    /// <summary>Size in bytes where known.</summary>
    public long? Filesize { get; init; }
    public string? QualityLabel { get; init; }
    public int? AudioSampleRate { get; init; }
    public int? AudioChannels { get; init; }
    public AudioTrack? AudioTrack { get; init; }
    public bool HasVideo { get; init; }
    public bool HasAudio { get; init; }
    /// <summary><c>https</c> for progressive/adaptive files, <c>hls</c> or <c>dash</c> for manifests.</summary>
    public string Protocol { get; init; } = "https";
    /// <summary>Bytes of an adaptive file's initialization segment (ftyp and moov), as <c>start-end</c>, where the platform says.</summary>
    public string? InitRange { get; init; }
    /// <summary>Bytes of an adaptive file's segment index (sidx), as <c>start-end</c>, where the platform says; with <see cref="InitRange"/> it lets a DASH player seek without reading the whole file.</summary>
    public string? IndexRange { get; init; }
    /// <summary>Headers a fetch of <see cref="Url"/> needs (BiliBili's CDN wants Referer and User-Agent).</summary>
    public IReadOnlyDictionary<string, string> HttpHeaders { get; init; } = new Dictionary<string, string>();
}

/// <summary>The audio track a format carries when a video has several (dubs, descriptions).</summary>
public sealed record AudioTrack(string Id, string? Language, string? DisplayName, bool IsDefault, string Kind);

/// <summary>Answer of <c>GET /api/v2/videos/{platform}/{id}/formats</c>.</summary>
public sealed record FormatList
{
    public required string VideoId { get; init; }
    public required string Platform { get; init; }
    public IReadOnlyList<VideoFormat> Formats { get; init; } = [];
    public string? HlsManifestUrl { get; init; }
    public string? DashManifestUrl { get; init; }
    public bool IsLive { get; init; }
    public double? Duration { get; init; }
    public string? Title { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
}
