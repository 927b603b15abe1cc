using VideoPlatform.Contracts.Streaming;

namespace VideoPlatform.Streaming.Batch;

/// <summary>What one batch entry came to: the chosen stream, or the problem (its stable code and the status it would have had alone).</summary>
public sealed record StreamBatchResult(bool Success, ResolvedStream? Data = null, string? Error = null, string? Code = null, int? Status = null);
