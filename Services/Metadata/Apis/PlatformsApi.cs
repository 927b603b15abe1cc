using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Extractors;

namespace VideoPlatform.Metadata.Apis;

internal static class PlatformsApi
{
    public static IEndpointRouteBuilder MapPlatformsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/platforms", GetPlatforms)
            .WithName("GetPlatforms")
            .WithTags("Platforms")
            .ProducesProblems()
            .WithSummary("Lists the supported platforms with the URL forms each one recognises.");
        return app;
    }

    // One list instance for the process, so its JSON is written once (the bench's pipeline-overhead route).
    private static CachedJsonResult<PlatformList> GetPlatforms(ExtractorRegistry registry) => new(registry.Platforms);
}
