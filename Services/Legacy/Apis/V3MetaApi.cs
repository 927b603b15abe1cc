using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using VideoPlatform.Legacy.Health;
using VideoPlatform.Legacy.Upstream;

namespace VideoPlatform.Legacy.Apis;

/// <summary>The seed's <c>/api/v3/meta/*</c>: what this API is, its routes, its health and its documents.</summary>
internal static class V3MetaApi
{
    public static IEndpointRouteBuilder MapV3MetaApi(this IEndpointRouteBuilder app)
    {
        var meta = app.MapGroup("/api/v3/meta").WithTags("v3");
        meta.MapGet("/info", MetaInfo).WithName("V3MetaInfo").ProducesProblems();
        meta.MapGet("/routes", MetaRoutes).WithName("V3MetaRoutes").ProducesProblems();
        meta.MapGet("/health", MetaHealth).WithName("V3MetaHealth").ProducesProblems();
        meta.MapGet("/docs", MetaDocs).WithName("V3MetaDocs").ProducesProblems();
        return app;
    }

    internal static async Task<Ok<Dictionary<string, object>>> MetaInfo(SupportedPlatforms platforms, CancellationToken cancellationToken) =>
        TypedResults.Ok(new Dictionary<string, object>
        {
            ["api"] = new Dictionary<string, string>
            {
                ["name"] = ApiIdentity.Name,
                ["version"] = ApiIdentity.Version,
                ["description"] = "Legacy routes over the metadata and streaming services",
                ["documentation_url"] = "/docs",
                ["openapi_url"] = "/openapi/v1.json",
            },
            ["features"] = new Dictionary<string, object>
            {
                ["video_platforms"] = await platforms.NamesAsync(cancellationToken),
                ["vrchat_optimization"] = true,
                ["unity_player_support"] = true,
                ["unicode_filename_support"] = true,
                ["batch_operations"] = true,
                ["caching"] = true,
            },
            ["limits"] = new Dictionary<string, int> { ["max_batch_size"] = 10, ["max_filename_length"] = 255, ["supported_url_length"] = 2048 },
            ["contact"] = new Dictionary<string, string> { ["documentation"] = "/docs", ["health_check"] = "/api/health", ["api_routes"] = "/api/v3/meta/routes" },
        });

    internal static Ok<Dictionary<string, object>> MetaRoutes(EndpointDataSource endpoints)
    {
        var routes = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .Select(e => new Dictionary<string, string>
            {
                ["path"] = e.RoutePattern.RawText!,
                ["method"] = string.Join(',', e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]),
                ["description"] = e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary ?? "",
            })
            .OrderBy(r => r["path"], StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new Dictionary<string, object> { ["api_version"] = ApiIdentity.Version, ["total_routes"] = routes.Count, ["routes"] = routes });
    }

    internal static async Task<IResult> MetaHealth([AsParameters] StatusServices services, CancellationToken cancellationToken)
    {
        var dependencies = await services.Health.CheckAllAsync(cancellationToken);
        var down = DependencyHealth.AnyDown(dependencies);
        var body = new Dictionary<string, object>
        {
            ["status"] = down ? "unhealthy" : "healthy",
            ["timestamp"] = services.Time.GetUtcNow(),
            ["api_version"] = ApiIdentity.Version,
            ["components"] = dependencies.ToDictionary(s => s.Key, s => (object)new Dictionary<string, string?>
            {
                ["status"] = s.Value.Status.ToLowerInvariant(),
                ["description"] = s.Value.Detail ?? $"{s.Key} service",
            }),
        };
        return down ? TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable) : TypedResults.Ok(body);
    }

    internal static Ok<Dictionary<string, object>> MetaDocs() => TypedResults.Ok(new Dictionary<string, object>
    {
        ["documentation"] = new Dictionary<string, string> { ["legacy"] = "docs/legacy.md" },
        ["interactive_docs"] = new Dictionary<string, string> { ["swagger_ui"] = "/docs", ["openapi_spec"] = "/openapi/v1.json" },
    });
}
