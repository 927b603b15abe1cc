using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Contracts;
using VideoPlatform.Metadata.Extractors;

namespace VideoPlatform.Metadata.Cookies;

/// <summary>
/// The seed's <c>/api/v2/auth/*</c>, read-only: which platforms have cookies configured and how to
/// supply them. Cookies are credentials, so they are set where the operator keeps secrets
/// (configuration, environment, a mounted file), never uploaded or deleted over HTTP as the seed did.
/// </summary>
internal static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v2/auth").WithTags("Auth").ProducesProblems();
        auth.MapGet("/status", GetStatus).WithName("GetCookieStatus")
            .WithSummary("Per platform: whether this server sends cookies to it, whether they are configured (names only) and how to supply them.");
        auth.MapGet("/platforms/{platform}", GetPlatform).WithName("GetPlatformCookieStatus").ProducesProblems(ErrorCodes.UnsupportedPlatform)
            .WithSummary("The cookie status of one platform.");
        return app;
    }

    private static Ok<IReadOnlyList<PlatformCookieStatus>> GetStatus(PlatformCookies cookies) =>
        TypedResults.Ok<IReadOnlyList<PlatformCookieStatus>>(PlatformCatalog.Known.Select(p => cookies.Describe(p.Name)).ToList());

    private static Ok<PlatformCookieStatus> GetPlatform(string platform, PlatformCookies cookies) =>
        PlatformCatalog.Known.Any(p => string.Equals(p.Name, platform, StringComparison.OrdinalIgnoreCase))
            ? TypedResults.Ok(cookies.Describe(platform))
            : throw new ProblemException(ErrorCodes.UnsupportedPlatform, $"Platform '{(platform.Length > 40 ? platform[..40] : platform)}' is not supported; see /api/v2/platforms.");
}
