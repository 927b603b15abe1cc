using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Legacy.Compatibility;
using VideoPlatform.Legacy.Streams;
using VideoPlatform.Legacy.Upstream;
using VideoPlatform.Legacy.Vrchat;

namespace VideoPlatform.Legacy.Apis;

/// <summary>The project's original 2024 contract: <c>GET /api/v1/?yt=&lt;video url&gt;</c> → 302 to the raw link.</summary>
internal static class V1Api
{
    public static IEndpointRouteBuilder MapV1Api(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/api/v1", VrchatApi.PlayerMethods, RawLink).WithName("V1RawLink").WithTags("v1").WithPlayerErrors()
            .WithSummary("302 to a playable link for the video in ?yt=.");
        // "/api/v1/" matches too: routing ignores a trailing slash.
        return app;
    }

    internal static Task<RedirectHttpResult> RawLink(HttpContext context, VideoLocator locator, PlayerStreams streams, CancellationToken cancellationToken) =>
        RawLinkFor(context, "yt", locator, streams, cancellationToken);

    /// <summary>302 to a playable link for the URL in <paramref name="urlParameter"/>; shared with the Python <c>/api/v2/videos/redirect</c>.</summary>
    internal static async Task<RedirectHttpResult> RawLinkFor(
        HttpContext context, string urlParameter, VideoLocator locator, PlayerStreams streams, CancellationToken cancellationToken)
    {
        var query = LegacyQuery.Parse(context.Request.QueryString.Value, urlParameter);
        var player = PlayerDetector.Detect(query["player"], context.Request.Headers.UserAgent);
        var video = await locator.LocateAsync(query.Target, cancellationToken);
        var quality = LegacyQuality.ForSimple(query["quality"]);
        var stream = await streams.ResolveAsync(video, quality, player, null, cancellationToken);
        VrchatApi.NoStore(context);
        return TypedResults.Redirect(streams.PlayableUrl(stream, player, quality));
    }
}
