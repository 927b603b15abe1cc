using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors;

internal static class FormatListExtensions
{
    /// <summary>The formats part of a video's details, for extractors whose formats come with the details anyway.</summary>
    public static FormatList ToFormatList(this VideoInfo info) => new()
    {
        VideoId = info.Id,
        Platform = info.Platform,
        Formats = info.Formats,
        Duration = info.Duration,
        Title = info.Title,
        ExpiresAt = info.ExpiresAt,
    };
}
