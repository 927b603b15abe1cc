namespace VideoPlatform.Contracts.Streaming;

/// <summary>A download job and where it stands (snake_case on the wire, like every contract).</summary>
public sealed record DownloadJob
{
    public required string Id { get; init; }
    public required string Url { get; init; }
    public required string Platform { get; init; }
    public required string VideoId { get; init; }
    public string? Quality { get; init; }
    public string? Format { get; init; }
    public bool AudioOnly { get; init; }
    /// <summary><c>m4a</c> or <c>mp3</c> for audio-only jobs.</summary>
    public string? AudioFormat { get; init; }
    /// <summary>One of <see cref="DownloadStates"/>.</summary>
    public string State { get; init; } = DownloadStates.Queued;
    public double Percent { get; init; }
    public long Bytes { get; init; }
    public double? SpeedBytesPerSecond { get; init; }
    public double? EtaSeconds { get; init; }
    public string? Title { get; init; }
    /// <summary>The name the file is served under; from the request's <c>filename</c> or the title.</summary>
    public string? FileName { get; init; }
    public string? Error { get; init; }
    /// <summary>Why a failed job failed, as a stable code of <see cref="ErrorCodes"/> (a dead video keeps its own).</summary>
    public string? ErrorCode { get; init; }
    /// <summary>Name of the API key that created the job: that key may list, follow and delete it.</summary>
    public string? Owner { get; init; }
    /// <summary>
    /// The job's access token, answered once, when the job is created: following the job, fetching
    /// its file and deleting it take it (<c>?token=</c> or <c>X-Download-Token</c>) unless the
    /// caller's API key owns the job.
    /// </summary>
    public string? Token { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
