namespace VideoPlatform.Streaming.Batch;

/// <summary>One entry of <c>POST /api/v2/stream/batch</c>: a video named by platform and id, or by URL, and how to choose its format.</summary>
public sealed record StreamBatchItem(string? Platform, string? VideoId, string? Url, string? Quality, string? Format, string? Player);
