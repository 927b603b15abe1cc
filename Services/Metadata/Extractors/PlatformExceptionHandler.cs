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
        if (ErrorCodes.RetryAfterSeconds(platform.Code) is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
