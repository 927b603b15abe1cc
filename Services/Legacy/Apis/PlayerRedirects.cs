using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Legacy.Compatibility;
using VideoPlatform.Legacy.Streams;
using VideoPlatform.Legacy.Vrchat;

namespace VideoPlatform.Legacy.Apis;

/// <summary>The redirects several old APIs answered alike, each route keeping its own handler.</summary>
internal static class PlayerRedirects
{
    /// <summary>Some players probe with HEAD before the GET; both get the same redirect.</summary>
    public static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>302 to a playable link for the URL in <paramref name="urlParameter"/> (v1's <c>yt=</c>, the Python API's <c>url=</c>).</summary>
    public static async Task<RedirectHttpResult> PlayableAsync(
        HttpContext context, string urlParameter, VideoServices services, CancellationToken cancellationToken)
    {
        var query = LegacyQuery.Parse(context.Request.QueryString.Value, urlParameter);
        var player = PlayerDetector.Detect(query["player"], context.Request.Headers.UserAgent);
        var video = await services.Locator.LocateAsync(query.Target, cancellationToken);
        var quality = LegacyQuality.ForSimple(query["quality"]);
        var stream = await services.Streams.ResolveAsync(video, quality, player, null, cancellationToken);
        context.Response.NoStore();
        return TypedResults.Redirect(services.Streams.PlayableUrl(stream, player, quality));
    }

    /// <summary>
    /// 302 to streaming's proxy as an attachment named from <c>filename=</c> or the title: VRChat's
    /// quality words and name suffix <paramref name="forPlayer"/>, the simple API's otherwise.
    /// </summary>
    public static async Task<RedirectHttpResult> AttachmentAsync(
        HttpContext context, bool forPlayer, VideoServices services, CancellationToken cancellationToken)
    {
        var query = LegacyQuery.Parse(context.Request.QueryString.Value);
        var player = PlayerDetector.Detect(query["player"], context.Request.Headers.UserAgent);
        var quality = forPlayer ? LegacyQuality.ForPlayer(query["quality"]) : LegacyQuality.ForSimple(query["quality"]);
        var video = await services.Locator.LocateAsync(query.Target, cancellationToken);
        var title = query["filename"] ?? (await services.Metadata.GetVideoAsync(video.Platform, video.VideoId, cancellationToken)).Title;
        var name = VrchatFileName.Sanitize(title, forPlayer ? $"{video.Platform}_{video.VideoId}_vrchat" : $"{video.Platform}_{video.VideoId}");
        context.Response.NoStore();
        return TypedResults.Redirect(services.Streams.ProxyUrl(video, quality, player, name));
    }
}
