using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using VideoPlatform.Contracts;
using VideoPlatform.Streaming.Selection;

namespace VideoPlatform.Streaming;

/// <summary>Answers the streaming service's own failures as problem details with their code.</summary>
internal sealed class StreamingExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, detail) = exception switch
        {
            StreamingException e => (e.StatusCode, e.Code, e.Message),
            SelectorException e => (StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, $"Invalid format expression: {e.Message}"),
            _ => (0, "", ""),
        };
        if (status == 0 || context.Response.HasStarted)
        {
            return false;
        }

        context.Response.StatusCode = status;
        // Metadata's "come back later" is passed on with it, so that legacy does not retry it either.
        if (ErrorCodes.RetryAfterSeconds(code) is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var problem = new ProblemDetails { Status = status, Title = code.Replace('_', ' '), Detail = detail, Extensions = { ["code"] = code } };
        if (exception is SelectorException selector)
        {
            problem.Extensions["position"] = selector.Position;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = problem });
    }
}
