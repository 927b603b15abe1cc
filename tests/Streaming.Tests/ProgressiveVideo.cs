using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Streaming.Tests;

/// <summary>What a fake metadata service answers for a test video: one progressive 360p MP4 format at a URL of the test's choosing.</summary>
public static class ProgressiveVideo
{
    public static FormatList Formats(string id, string url, string title, string protocol = "https", IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        VideoId = id,
        Platform = "youtube",
        Title = title,
        Duration = 6,
        ExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
        Formats =
        [
            new VideoFormat
            {
                FormatId = "18", Url = url, Ext = "mp4", MimeType = "video/mp4", Vcodec = "avc1.42001E", Acodec = "mp4a.40.2",
                Height = 360, Width = 640, HasVideo = true, HasAudio = true, Protocol = protocol, HttpHeaders = headers ?? new Dictionary<string, string>(),
            },
        ],
    };
}
