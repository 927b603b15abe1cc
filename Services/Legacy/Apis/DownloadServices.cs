using VideoPlatform.Legacy.Downloads;

namespace VideoPlatform.Legacy.Apis;

/// <summary>What the download-task routes use, taken in one parameter (<c>[AsParameters]</c>).</summary>
internal sealed record DownloadServices(LegacyDownloads Downloads, TimeProvider Time);
