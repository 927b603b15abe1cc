using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting.Security;

/// <summary>Writes the problem-details answers of the security layer, with the platform's codes.</summary>
internal static class SecurityProblems
{
    // The same values as VideoPlatform.Contracts.ErrorCodes; ServiceDefaults does not depend on Contracts.
    public const string Unauthorized = "unauthorized";
    public const string RateLimited = "rate_limited";
    public const string Forbidden = "forbidden";

    public static async Task WriteAsync(HttpContext context, int status, string code, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = code.Replace('_', ' '),
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        });
    }
}
