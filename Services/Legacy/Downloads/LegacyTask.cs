using VideoPlatform.Contracts.Streaming;

namespace VideoPlatform.Legacy.Downloads;

/// <summary>A followed download task: its id, streaming's job, and the finished file's URL (null until completed).</summary>
internal sealed record LegacyTask(LegacyTaskId Id, DownloadJob Job, string? FileUrl);
