using System.Globalization;

namespace VideoPlatform.Legacy.Upstream;

/// <summary>
/// Presents the problem a legacy route failed with (<see cref="LegacyProblems"/>) the way its
/// clients read it: short <c>text/plain</c> for video players, problem details with the seed's
/// <c>error</c>, <c>timestamp</c> and <c>success</c> fields beside <c>code</c> and <c>detail</c>
/// for JSON clients. A fault of legacy's own goes on to the one exception handler (a 500).
/// </summary>
internal sealed partial class LegacyErrorFilter(bool forPlayers, TimeProvider time, ILogger<LegacyErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (LegacyProblems.Classify(ex) is { } problem && !context.HttpContext.Response.HasStarted)
        {
            LogFailure(logger, context.HttpContext.Request.Path, problem.Code, problem.Message);
            if (problem.RetryAfterSeconds is { } seconds)
            {
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }
            return forPlayers ? PlayerText(problem) : Problem(problem, time);
        }
    }

    public static IResult PlayerText(ProblemException problem) =>
        TypedResults.Text(problem.Message, "text/plain; charset=utf-8", statusCode: LegacyProblems.PlayerStatus(problem));

    /// <summary>The problem as the seed's JSON clients read errors (seed-api.md §1.0).</summary>
    public static IResult Problem(ProblemException problem, TimeProvider time)
    {
        var extensions = new Dictionary<string, object?>(problem.Extensions ?? new Dictionary<string, object?>())
        {
            ["code"] = problem.Code,
            ["error"] = TitleOf(problem.Status),
            ["timestamp"] = time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["success"] = false,
        };
        return TypedResults.Problem(detail: problem.Message, statusCode: problem.Status, title: TitleOf(problem.Status), extensions: extensions);
    }

    private static string TitleOf(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";

    [LoggerMessage(Level = LogLevel.Information, Message = "Legacy route {Path} failed with {Code}: {Reason}")]
    private static partial void LogFailure(ILogger logger, string path, string code, string reason);
}
