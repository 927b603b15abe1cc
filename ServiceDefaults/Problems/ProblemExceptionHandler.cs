using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;
using VideoPlatform.Contracts;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The one exception handler of every service: a <see cref="ProblemException"/>, a request the
/// server could not take as sent, or a dependency that failed becomes problem details with a stable
/// <c>code</c>; anything else stays the default 500 problem. Once a response has started nothing
/// can be said any more, so it is left to the server to abort.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.Response.HasStarted || Classify(exception, context) is not { } problem)
        {
            return false;
        }
        if (exception is not (ProblemException or BadHttpRequestException))
        {
            LogDependencyFailure(logger, context.Request.Path, exception.GetType().Name, exception.Message);
        }
        return await problems.WriteProblemAsync(context, problem.Status, problem.Code, problem.Message, exception,
            problem.RetryAfterSeconds, problem.Extensions);
    }

    private static ProblemException? Classify(Exception exception, HttpContext context)
    {
        switch (exception)
        {
            case ProblemException problem:
                return problem;
            case BadHttpRequestException bad:
                // The server's own words (which parameter, what value, what limit); never a stack trace.
                return new ProblemException(ErrorCodes.InvalidRequest, bad.Message, bad) { Status = bad.StatusCode };
            case JsonException:
                return new ProblemException(ErrorCodes.UpstreamUnavailable, "An upstream answered something this service could not read.", exception);
        }

        // Client libraries wrap the transport failure (Refit: ApiRequestException), so look inside.
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (DependencyFailure(cause, context) is { } failure)
            {
                return new ProblemException(ErrorCodes.UpstreamUnavailable,
                    $"This request could not be answered because {failure.What}; try again shortly.", exception)
                {
                    Status = failure.Status,
                    RetryAfterSeconds = 5,
                };
            }
        }
        return null;
    }

    private static (int Status, string What)? DependencyFailure(Exception exception, HttpContext context) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => (StatusCodes.Status502BadGateway, "a service it depends on refused the connection"),
        HttpRequestException => (StatusCodes.Status502BadGateway, "a service it depends on failed to answer"),
        // A connection reset while a body is read surfaces as a bare IOException, not HttpRequestException.
        IOException when !context.RequestAborted.IsCancellationRequested => (StatusCodes.Status502BadGateway, "a service it depends on broke off its answer"),
        BrokenCircuitException => (StatusCodes.Status503ServiceUnavailable, "a service it depends on is failing and calls to it are paused"),
        TimeoutRejectedException => (StatusCodes.Status504GatewayTimeout, "a service it depends on did not answer in time"),
        TaskCanceledException when !context.RequestAborted.IsCancellationRequested => (StatusCodes.Status504GatewayTimeout, "a service it depends on did not answer in time"),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} failed on a dependency ({ExceptionType}: {Reason})")]
    private static partial void LogDependencyFailure(ILogger logger, string path, string exceptionType, string reason);
}
