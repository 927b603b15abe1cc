using Microsoft.AspNetCore.Diagnostics;
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
            // A media host that refused the connection, sent what HTTP cannot parse (an invalid
            // Content-Length), or was refused by the address policy: its fault, not ours.
            HttpRequestException => (StatusCodes.Status502BadGateway, ErrorCodes.UpstreamUnavailable, "The media host could not be reached or answered malformed HTTP."),
            TaskCanceledException when !context.RequestAborted.IsCancellationRequested =>
                (StatusCodes.Status504GatewayTimeout, ErrorCodes.UpstreamUnavailable, "The media host did not answer in time."),
            _ => (0, "", ""),
        };
        if (status == 0 || context.Response.HasStarted)
        {
            return false;
        }

        // Metadata's "come back later" is passed on with its Retry-After, so that legacy does not retry it either.
        return await problems.WriteProblemAsync(context, status, code, detail, exception, ErrorCodes.RetryAfterSeconds(code),
            exception is SelectorException selector ? [new("position", selector.Position)] : null);
    }
}
