namespace VideoPlatform.Legacy.Upstream;

internal static class LegacyErrorFilterExtensions
{
    private static readonly string[] PlainText = ["text/plain"];

    /// <summary>
    /// Errors as short plain text: for routes a video player loads. The document says so beside the
    /// codes' problems: 400 for a bad request, 403 for a video that cannot play, 503 for a dependency.
    /// </summary>
    public static TBuilder WithPlayerErrors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddFilter(forPlayers: true)
            .WithMetadata(
                new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(string), PlainText),
                new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(string), PlainText),
                new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(string), PlainText));

    /// <summary>Errors as problem details with the seed's error fields: for JSON routes.</summary>
    public static TBuilder WithJsonErrors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddFilter(forPlayers: false);

    private static TBuilder AddFilter<TBuilder>(this TBuilder builder, bool forPlayers) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var filter = ActivatorUtilities.CreateInstance<LegacyErrorFilter>(factory.ApplicationServices, forPlayers);
            return context => filter.InvokeAsync(context, next);
        });
}
