using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// What mobile clients' player answers lack: the like count and upload date of the watch page
/// (one WEB <c>next</c> call) and the category, upload time and view count of the WEB player's
/// microformat (one WEB <c>player</c> call asking for only that), made alongside the player calls
/// for a video's details (not for its formats), cached with the video. Best effort: a failure
/// leaves the fields empty rather than failing the video.
/// </summary>
public sealed partial class YouTubeWatchNext(InnerTubeClient innerTube, IOptions<YouTubeOptions> options, ILogger<YouTubeWatchNext> logger)
{
    public async Task<WatchNextDetails?> GetAsync(string videoId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var page = settings.LikesFromWatchNext ? ReadAsync(videoId, "next", null, ReadPage, cancellationToken) : Task.FromResult<WatchNextDetails?>(null);
        var micro = settings.MicroformatFromWeb ? ReadAsync(videoId, "player", WebMicroformat.Fields, WebMicroformat.Read, cancellationToken) : Task.FromResult<WatchNextDetails?>(null);
        var (fromPage, fromMicro) = (await page, await micro);
        if (fromPage is null || fromMicro is null)
        {
            return fromPage ?? fromMicro;
        }
        // The page's like count is exact where the microformat's is not always there; the
        // microformat's date is a timestamp where the page's is text in the language asked.
        return new WatchNextDetails(
            fromPage.LikeCount ?? fromMicro.LikeCount,
            fromMicro.UploadDate ?? fromPage.UploadDate,
            fromMicro.Category,
            fromMicro.ViewCount);
    }

    private static WatchNextDetails ReadPage(JsonObject page) => new(LikeCount(page), UploadDate(page));

    private async Task<WatchNextDetails?> ReadAsync(string videoId, string endpoint, string? fields, Func<JsonObject, WatchNextDetails> read,
        CancellationToken cancellationToken)
    {
        try
        {
            var answer = await innerTube.PostWebAsync(endpoint,
                new JsonObject { ["videoId"] = videoId, ["contentCheckOk"] = true, ["racyCheckOk"] = true }, cancellationToken, fields);
            return read(answer);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever went wrong (an error answer, no connection, an open circuit), the video
            // itself is still worth answering.
            LogWatchNextFailed(logger, videoId, endpoint, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// The exact count of the 2024+ like-count entity, else the like button's accessibility text
    /// ("like this video along with 18,123,456 other people"). Hidden likes give neither.
    /// </summary>
    internal static long? LikeCount(JsonNode page)
    {
        long? fromText = null;
        foreach (var (name, value) in Strings(page))
        {
            if (name == "likeCountIfIndifferentNumber" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var exact))
            {
                return exact;
            }
            if (fromText is null && AlongWith().Match(value) is { Success: true } match
                && long.TryParse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var counted))
            {
                // The text counts the other people; the viewer is not among the likers.
                fromText = counted;
            }
        }
        return fromText;
    }

    /// <summary><c>videoPrimaryInfoRenderer.dateText</c> ("Oct 25, 2009"; "Premiered …", "Streamed live on …") as YYYYMMDD.</summary>
    internal static string? UploadDate(JsonNode page)
    {
        var contents = page["contents"]?["twoColumnWatchNextResults"]?["results"]?["results"]?["contents"] as JsonArray ?? [];
        var text = contents.Select(c => InnerTubeText.Runs(c?["videoPrimaryInfoRenderer"]?["dateText"])).FirstOrDefault(t => t is not null);
        return text is not null && DateIn().Match(text) is { Success: true } match
               && DateTime.TryParseExact(match.Value, ["MMM d, yyyy", "d MMM yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            : null;
    }

    private static IEnumerable<(string Name, string Value)> Strings(JsonNode? node, string name = "")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    foreach (var found in Strings(value, key))
                    {
                        yield return found;
                    }
                }
                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    foreach (var found in Strings(child, name))
                    {
                        yield return found;
                    }
                }
                break;
            case JsonValue v when v.TryGetValue<string>(out var text):
                yield return (name, text);
                break;
        }
    }

    [GeneratedRegex(@"along with ([\d,]+) other (?:people|person)")]
    private static partial Regex AlongWith();

    [GeneratedRegex(@"[A-Z][a-z]{2} \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2} \d{4}")]
    private static partial Regex DateIn();

    [LoggerMessage(Level = LogLevel.Information, Message = "YouTube {Endpoint} of {VideoId} not read, so fewer details: {Reason}")]
    private static partial void LogWatchNextFailed(ILogger logger, string videoId, string endpoint, string reason);
}
