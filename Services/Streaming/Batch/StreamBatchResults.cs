namespace VideoPlatform.Streaming.Batch;

/// <summary>The seed's <c>batch_results</c>: per entry, keyed <c>platform:video_id</c> in request order, and the tallies.</summary>
public sealed record StreamBatchResults(IReadOnlyDictionary<string, StreamBatchResult> Results, int Total, int Successful, int Failed);
