
namespace VideoPlatform.Legacy.Upstream;

/// <summary>
/// Turns failures of a legacy route into the answer its clients can read: short
/// <c>text/plain</c> for video players, problem details (with the seed's <c>error</c>,
/// <c>detail</c>, <c>code</c>, <c>timestamp</c> fields) for JSON clients.
/// </summary>
internal sealed partial class LegacyErrorFilter(bool forPlayers, TimeProvider time, ILogger<LegacyErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (Classify(ex) is { } failure)
        {
            LogFailure(logger, context.HttpContext.Request.Path, failure.Code, failure.Message);
            return forPlayers ? PlayerText(failure) : Problem(failure, time);
        }
    }

    public static UpstreamFailure? Classify(Exception ex) => ex switch
    {
        LegacyRequestException r => UpstreamFailure.Invalid(r.Code, r.Message),
        _ => UpstreamFailure.From(ex),
    };

    public static IResult PlayerText(UpstreamFailure failure) =>
        TypedResults.Text(failure.Message, "text/plain; charset=utf-8", statusCode: failure.PlayerStatus);

    public static IResult Problem(UpstreamFailure failure, TimeProvider time) =>
        TypedResults.Problem(
            detail: failure.Message,
            statusCode: failure.Status,
            title: TitleOf(failure.Status),
            extensions: new Dictionary<string, object?>
            {
                ["code"] = failure.Code,
                ["error"] = TitleOf(failure.Status),
                ["timestamp"] = time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss"),
                ["success"] = false,
            });

    private static string TitleOf(int status) => status switch
    {
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => ReasonPhrase(status),
    };

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";

    [LoggerMessage(Level = LogLevel.Information, Message = "Legacy route {Path} failed with {Code}: {Reason}")]
    private static partial void LogFailure(ILogger logger, string path, string code, string reason);
}

internal static class LegacyErrorFilterExtensions
{
    /// <summary>Errors as short plain text: for routes a video player loads.</summary>
    public static TBuilder WithPlayerErrors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var filter = ActivatorUtilities.CreateInstance<LegacyErrorFilter>(factory.ApplicationServices, true);
            return context => filter.InvokeAsync(context, next);
        });

    /// <summary>Errors as problem details with the seed's error fields: for JSON routes.</summary>
    public static TBuilder WithJsonErrors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var filter = ActivatorUtilities.CreateInstance<LegacyErrorFilter>(factory.ApplicationServices, false);
            return context => filter.InvokeAsync(context, next);
        });
}
