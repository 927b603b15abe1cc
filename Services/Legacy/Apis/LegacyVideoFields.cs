using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Legacy.Apis;

/// <summary>The seed's <c>info</c> object of the simple and VRChat APIs.</summary>
internal sealed record LegacyVideoFields(
    string Id, string Title, string? Description, double? Duration, string? Uploader,
    string? UploadDate, long? ViewCount, long? LikeCount, string? Thumbnail)
{
    public static LegacyVideoFields From(VideoInfo video) => new(
        video.Id, video.Title, video.Description, video.Duration, video.Uploader,
        video.UploadDate, video.ViewCount, video.LikeCount, video.Thumbnail);
}
