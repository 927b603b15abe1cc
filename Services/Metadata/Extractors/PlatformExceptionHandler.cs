using Microsoft.AspNetCore.Diagnostics;
using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Extractors;

/// <summary>Answers a <see cref="PlatformException"/> as problem details carrying its code.</summary>
internal sealed class PlatformExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not PlatformException platform)
        {
            return false;
        }

        // Retry-After tells callers (players retry on their own) when asking again makes sense.
        return await problems.WriteProblemAsync(context, platform.StatusCode, platform.Code, platform.Message, exception,
            ErrorCodes.RetryAfterSeconds(platform.Code));
    }
}
