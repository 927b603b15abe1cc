using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
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

        context.Response.StatusCode = platform.StatusCode;
        // Tell callers (players retry on their own) when asking again makes sense.
        if (platform.Code is ErrorCodes.UpstreamThrottled or ErrorCodes.UpstreamUnavailable)
        {
            context.Response.Headers.RetryAfter = platform.Code == ErrorCodes.UpstreamThrottled ? "30" : "5";
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = platform.StatusCode,
                Title = platform.Code.Replace('_', ' '),
                Detail = platform.Message,
                Extensions = { ["code"] = platform.Code },
            },
        });
    }
}
