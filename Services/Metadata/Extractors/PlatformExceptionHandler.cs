using Microsoft.AspNetCore.Diagnostics;
using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Extractors;

/// <summary>Answers a <see cref="PlatformException"/> as problem details carrying its code.</summary>
internal sealed class PlatformExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is System.Text.Json.JsonException && !context.Response.HasStarted)
        {
            // A platform body that is not the JSON it should be (an HTML error page, a truncated
            // answer): the platform's fault, answered as such rather than as our 500.
            exception = new PlatformException(ErrorCodes.UpstreamUnavailable, "The platform answered something this service could not read.", exception);
        }
        if (exception is not PlatformException platform)
        {
            return false;
        }

        // Retry-After tells callers (players retry on their own) when asking again makes sense.
        return await problems.WriteProblemAsync(context, platform.StatusCode, platform.Code, platform.Message, exception,
            ErrorCodes.RetryAfterSeconds(platform.Code));
    }
}
