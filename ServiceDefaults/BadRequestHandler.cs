using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A request the server could not take as sent — a query or route value that does not bind to its
/// parameter (<c>?fresh=maybe</c> for a boolean), a body too large, malformed headers — answered
/// with its own 4xx and a problem that says what was wrong (code <c>invalid_request</c>), in every
/// environment. Without it, such requests got a bare "Bad Request" outside Development.
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        // The server's own words (which parameter, what value, what limit); never a stack trace.
        return await problems.WriteProblemAsync(context, bad.StatusCode, "invalid_request", bad.Message);
    }
}
