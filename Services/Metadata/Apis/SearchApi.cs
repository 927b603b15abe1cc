using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Apis;

internal static class SearchApi
{
    public const int MaxQueryLength = 200;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/search", Search).WithName("Search").WithTags("Search")
            .ProducesProblems(ErrorCodes.UnsupportedPlatform, ErrorCodes.InvalidRequest, ErrorCodes.NotFound, ErrorCodes.UpstreamUnavailable, ErrorCodes.UpstreamThrottled)
            .WithSummary("Search a platform (?platform=youtube&q=…&type=video|playlist|channel|all, default video); ?cursor= for the next page.");
        return app;
    }

    private static async Task<Ok<SearchResults>> Search([AsParameters] SearchQuery query, [AsParameters] SearchServices services, CancellationToken cancellationToken)
    {
        // Without a platform, YouTube's, as the seed's clients searched.
        var source = services.Sources.FirstOrDefault(s => string.Equals(s.Platform, query.Platform ?? "youtube", StringComparison.OrdinalIgnoreCase))
            ?? throw new ProblemException(ErrorCodes.UnsupportedPlatform, $"Search is served for {string.Join(" and ", services.Sources.Select(s => s.Platform))} (platform=…).");
        var text = query.Q?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, "q, the text to search for, is required.");
        }
        if (text.Length > MaxQueryLength || text.Any(char.IsControl))
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, $"q must be at most {MaxQueryLength} characters, without control characters.");
        }
        var kind = (query.Type ?? "video").ToLowerInvariant();
        if (!source.Types.Contains(kind))
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, $"type must be one of {string.Join(", ", source.Types)}.");
        }
        var token = PageQuery.Checked(query.Cursor);

        var results = await services.Cache.GetOrFetchAsync(source.Platform, "search", [kind, text, token], services.CacheOptions.Value.SearchTtl,
            ct => source.SearchAsync(text, kind, token, ct), cancellationToken);
        return TypedResults.Ok(results);
    }
}
