using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;

namespace VideoPlatform.Legacy.Downloads;

/// <summary>A job just started for a legacy download route: its task id, the job, and the video's details.</summary>
internal sealed record StartedDownload(LegacyTaskId Id, DownloadJob Job, VideoInfo Info);
