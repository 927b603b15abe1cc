namespace VideoPlatform.Streaming.Batch;

/// <summary>Answer of <c>POST /api/v2/stream/batch</c>, in the seed's shape.</summary>
public sealed record StreamBatchResponse(StreamBatchResults BatchResults, DateTimeOffset ProcessedAt, int TotalRequests, int ValidRequests);
