using Microsoft.AspNetCore.Http.HttpResults;
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

    private static Ok<PlatformList> GetPlatforms(ExtractorRegistry registry)
    {
        var supported = registry.All.Select(e => e.Platform).ToList();
        var planned = PlatformCatalog.Known.Where(p => !registry.TryGet(p.Name, out _));
        return TypedResults.Ok(new PlatformList([.. supported, .. planned]));
    }
}
