namespace VideoPlatform.Streaming.Downloads;

/// <summary>States a download job goes through.</summary>
public static class DownloadStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

/// <summary>Body of <c>POST /api/v2/downloads</c>.</summary>
public sealed record DownloadRequest(string? Url, string? Quality, string? Format, bool? AudioOnly, string? AudioFormat);

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
    public string State { get; init; } = DownloadStates.Queued;
    public double Percent { get; init; }
    public long Bytes { get; init; }
    public double? SpeedBytesPerSecond { get; init; }
    public double? EtaSeconds { get; init; }
    public string? Title { get; init; }
    public string? FileName { get; init; }
    public string? Error { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
