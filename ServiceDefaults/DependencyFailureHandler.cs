using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The last word on a call to another service or upstream that failed and that nothing closer
/// handled: a 503 problem with code <c>upstream_unavailable</c> naming what went wrong, instead
/// of a 500. Client disconnects are not failures and are left alone.
/// </summary>
internal sealed partial class DependencyFailureHandler(IProblemDetailsService problems, ILogger<DependencyFailureHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // Client libraries wrap the transport failure (Refit: ApiRequestException), so look inside.
        string? what = null;
        for (var cause = exception; cause is not null && what is null; cause = cause.InnerException)
        {
            what = Describe(cause, context);
        }
        if (what is null)
        {
            return false;
        }

        LogDependencyFailure(logger, context.Request.Path, exception.GetType().Name, exception.Message);
        return await problems.WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "upstream_unavailable",
            $"This request could not be answered because {what}; try again shortly.", retryAfterSeconds: 5);
    }

    private static string? Describe(Exception exception, HttpContext context) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "a service it depends on refused the connection",
        HttpRequestException => "a service it depends on failed to answer",
        HttpIOException => "a service it depends on broke off its answer",
        BrokenCircuitException => "a service it depends on is failing and calls to it are paused",
        TimeoutRejectedException => "a service it depends on did not answer in time",
        TaskCanceledException when !context.RequestAborted.IsCancellationRequested => "a service it depends on did not answer in time",
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} failed on a dependency ({ExceptionType}: {Reason})")]
    private static partial void LogDependencyFailure(ILogger logger, string path, string exceptionType, string reason);
}
