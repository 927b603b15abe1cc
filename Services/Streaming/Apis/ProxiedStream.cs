namespace VideoPlatform.Streaming.Apis;

/// <summary>
/// A video's chosen format relayed through this service (<c>mode=proxy</c> and the proxy route):
/// its bytes with Range, resolved once more when the CDN refuses an expired URL; a live stream's
/// playlist rewritten instead, so that a player fetches every entry through here.
/// </summary>
internal static class ProxiedStream
{
    public static async Task ServeAsync(string platform, string videoId, StreamQuery query, StreamServices services)
    {
        var context = services.Context;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var request = query.ToRequest();
        var resolved = await services.Resolver.ResolveAsync(platform, videoId, request, fresh: false, context.RequestAborted);
        if (resolved.Format.Protocol is "hls" or "m3u8" or "m3u8_native" && Uri.TryCreate(resolved.StreamUrl, UriKind.Absolute, out var playlist))
        {
            await services.Segments.WritePlaylistAsync(context, playlist, resolved.Format.HttpHeaders);
            return;
        }
        if (query.Download == true)
        {
            var fallback = $"{platform}_{videoId}.{resolved.Format.Ext}";
            context.Response.Headers.ContentDisposition = AttachmentName.Header(string.IsNullOrWhiteSpace(query.Filename) ? fallback : query.Filename, fallback);
        }
        await services.Proxy.ProxyAsync(context, resolved, token => services.Resolver.ResolveAsync(platform, videoId, request, fresh: true, token), started);
    }
}
