using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

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
