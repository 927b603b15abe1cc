using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Gives an error answer that has no body (routing's 404 and 405, a handler's bare status) the
/// problem-details body every other error has, as <c>UseStatusCodePages</c> does with a problem
/// service registered. Without its cost on every other request: .NET 10's middleware stores its path
/// format in <see cref="HttpContext.Items"/> on each one, and the items dictionary that makes was a
/// fifth of what a cached video answer allocated.
/// </summary>
internal static class StatusCodeProblems
{
    public static IApplicationBuilder UseStatusCodeProblems(this IApplicationBuilder app)
    {
        var problems = app.ApplicationServices.GetRequiredService<IProblemDetailsService>();
        return app.Use(async (context, next) =>
        {
            await next(context);
            var response = context.Response;
            if (response.HasStarted || response.StatusCode is < 400 or > 599
                || response.ContentLength is not null || !string.IsNullOrEmpty(response.ContentType))
            {
                return;
            }
            await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = response.StatusCode } });
        });
    }
}
