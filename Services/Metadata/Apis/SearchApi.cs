using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Caching;
using VideoPlatform.Metadata.Extractors;
using VideoPlatform.Metadata.Extractors.YouTube;

namespace VideoPlatform.Metadata.Apis;

internal static class SearchApi
{
    public const int MaxQueryLength = 200;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/search", Search).WithName("Search").WithTags("Search")
            .WithSummary("Search a platform (?platform=youtube&q=…&type=video|playlist|channel|all, default video); ?cursor= for the next page.");
        return app;
    }

    private static async Task<Ok<SearchResults>> Search(string? platform, string? q, string? type, string? cursor,
        YouTubeSearch search, VideoCache lookups, IOptions<MetadataCacheOptions> cacheOptions, CancellationToken cancellationToken)
    {
        if (!string.Equals(platform ?? "youtube", "youtube", StringComparison.OrdinalIgnoreCase))
        {
            throw new PlatformException(ErrorCodes.UnsupportedPlatform, "Search is served for YouTube only (platform=youtube).");
        }
        var query = q?.Trim() ?? "";
        if (query.Length == 0)
        {
            throw new PlatformException(ErrorCodes.InvalidRequest, "q, the text to search for, is required.");
        }
        if (query.Length > MaxQueryLength || query.Any(char.IsControl))
        {
            throw new PlatformException(ErrorCodes.InvalidRequest, $"q must be at most {MaxQueryLength} characters, without control characters.");
        }
        var kind = (type ?? "video").ToLowerInvariant();
        if (!YouTubeSearch.Types.Contains(kind))
        {
            throw new PlatformException(ErrorCodes.InvalidRequest, $"type must be one of {string.Join(", ", YouTubeSearch.Types)}.");
        }
        var token = PlaylistsApi.Cursor(cursor);

        var results = await lookups.GetOrFetchAsync("youtube", "search", [kind, query, token], cacheOptions.Value.SearchTtl,
            ct => search.SearchAsync(query, kind, token, ct), cancellationToken);
        return TypedResults.Ok(results);
    }
}
