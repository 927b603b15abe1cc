using System.Net;

namespace VideoPlatform.Streaming.Apis;

/// <summary>A small HTML5 player page that plays a video through this service's proxy route.</summary>
internal static class EmbedPage
{
    public const string ContentType = "text/html; charset=utf-8";

    public static string Html(string platform, string videoId, StreamQuery query)
    {
        var source = $"/api/v2/stream/proxy/{WebUtility.UrlEncode(platform)}/{WebUtility.UrlEncode(videoId)}?quality={WebUtility.UrlEncode(query.Quality ?? "720p")}";
        var width = Math.Clamp(query.Width ?? 640, 100, 3840);
        var height = Math.Clamp(query.Height ?? 360, 100, 2160);
        return $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>{{WebUtility.HtmlEncode(platform)}} {{WebUtility.HtmlEncode(videoId)}}</title>
            <style>html,body{margin:0;background:#000}video{display:block;width:100%;height:100%}</style></head>
            <body><video controls autoplay playsinline width="{{width}}" height="{{height}}" src="{{WebUtility.HtmlEncode(source)}}"></video></body></html>
            """;
    }
}
