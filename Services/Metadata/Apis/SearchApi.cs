using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Caching;
using VideoPlatform.Metadata.Extractors;

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
        IEnumerable<ISearchSource> sources, VideoCache lookups, IOptions<MetadataCacheOptions> cacheOptions, CancellationToken cancellationToken)
    {
        // Without a platform, YouTube's, as the seed's clients searched.
        var source = sources.FirstOrDefault(s => string.Equals(s.Platform, platform ?? "youtube", StringComparison.OrdinalIgnoreCase))
            ?? throw new PlatformException(ErrorCodes.UnsupportedPlatform, $"Search is served for {string.Join(" and ", sources.Select(s => s.Platform))} (platform=…).");
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
        if (!source.Types.Contains(kind))
        {
            throw new PlatformException(ErrorCodes.InvalidRequest, $"type must be one of {string.Join(", ", source.Types)}.");
        }
        var token = PlaylistsApi.Cursor(cursor);

        var results = await lookups.GetOrFetchAsync(source.Platform, "search", [kind, query, token], cacheOptions.Value.SearchTtl,
            ct => source.SearchAsync(query, kind, token, ct), cancellationToken);
        return TypedResults.Ok(results);
    }
}
