namespace VideoPlatform.Legacy.Apis;

/// <summary>Where the seed's FastAPI served its documents (seed P3): redirects to this service's.</summary>
internal static class OldDocumentRoutes
{
    public static IEndpointRouteBuilder MapOldDocumentRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/openapi.json", () => TypedResults.Redirect("/openapi/v1.json", permanent: true)).ExcludeFromDescription();
        app.MapGet("/redoc", () => TypedResults.Redirect("/docs", permanent: true)).ExcludeFromDescription();
        return app;
    }
}
