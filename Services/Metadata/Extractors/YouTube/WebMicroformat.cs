using System.Globalization;
using System.Text.Json.Nodes;
using static VideoPlatform.Metadata.Extractors.YouTube.InnerTubeText;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary><c>microformat.playerMicroformatRenderer</c>: what a WEB player answer says of a video that mobile clients' answers omit.</summary>
internal static class WebMicroformat
{
    /// <summary>The fields of a WEB player answer asked for this (the rest is not sent).</summary>
    public const string Fields = "microformat,videoDetails.videoId";

    public static WatchNextDetails Read(JsonObject answer)
    {
        var micro = answer["microformat"]?["playerMicroformatRenderer"];
        return new WatchNextDetails(
            Long(micro?["likeCount"]),
            UploadDate(Text(micro?["uploadDate"]) ?? Text(micro?["publishDate"])),
            Text(micro?["category"]),
            Long(micro?["viewCount"]));
    }

    /// <summary>
    /// An upload date as YYYYMMDD. YouTube writes it in Pacific time with its offset
    /// (<c>2015-01-27T21:14:36-08:00</c>); the day is taken in UTC, as the watch page shows it.
    /// Older answers give a bare date, taken as it is.
    /// </summary>
    public static string? UploadDate(string? text) =>
        text is { Length: > 10 } && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            : text is { Length: 10 } ? text.Replace("-", "", StringComparison.Ordinal) : null;

    private static long? Long(JsonNode? node) => long.TryParse(Text(node), CultureInfo.InvariantCulture, out var value) ? value : null;
}
