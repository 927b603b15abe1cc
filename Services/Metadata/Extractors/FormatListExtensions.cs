using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors;

internal static class FormatListExtensions
{
    /// <summary>
    /// The formats part of a video's details: what the formats endpoint answers, whether the
    /// details were extracted for it or were cached already.
    /// </summary>
    public static FormatList ToFormatList(this VideoInfo info) => new()
    {
        VideoId = info.Id,
        Platform = info.Platform,
        Formats = info.Formats,
        HlsManifestUrl = info.HlsManifestUrl,
        DashManifestUrl = info.DashManifestUrl,
        IsLive = info.IsLive,
        Duration = info.Duration,
        Title = info.Title,
        ExpiresAt = info.ExpiresAt,
    };
}
