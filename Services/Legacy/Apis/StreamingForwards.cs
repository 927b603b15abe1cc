using VideoPlatform.Legacy.Forwarding;

namespace VideoPlatform.Legacy.Apis;

/// <summary>
/// Routes that both the v2 and v3 tables serve by forwarding to streaming unchanged: one handler
/// each, mapped by both, rather than a copy per API.
/// </summary>
internal static class StreamingForwards
{
    public static Task Proxy(HttpContext context, [AsParameters] VideoPath path, ServiceForwarder forwarder) =>
        forwarder.ForwardAsync(context, "streaming", StreamingPaths.Proxy(path.ToVideo()));

    public static Task Embed(HttpContext context, [AsParameters] VideoPath path, ServiceForwarder forwarder) =>
        forwarder.ForwardAsync(context, "streaming", StreamingPaths.Embed(path.ToVideo()));

    public static Task CacheStats(HttpContext context, ServiceForwarder forwarder) =>
        forwarder.ForwardAsync(context, "streaming", StreamingPaths.CacheStats);
}
