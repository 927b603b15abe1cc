using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Legacy.Upstream;

namespace VideoPlatform.Legacy.Apis;

/// <summary>The project's original 2024 contract: <c>GET /api/v1/?yt=&lt;video url&gt;</c> → 302 to the raw link.</summary>
internal static class V1Api
{
    public static IEndpointRouteBuilder MapV1Api(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/api/v1", PlayerRedirects.Methods, RawLink).WithName("V1RawLink").WithTags("v1").WithPlayerErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToStream)
            .WithSummary("302 to a playable link for the video in ?yt=.");
        // "/api/v1/" matches too: routing ignores a trailing slash.
        return app;
    }

    internal static Task<RedirectHttpResult> RawLink(HttpContext context, [AsParameters] VideoServices services, CancellationToken cancellationToken) =>
        PlayerRedirects.PlayableAsync(context, "yt", services, cancellationToken);
}
