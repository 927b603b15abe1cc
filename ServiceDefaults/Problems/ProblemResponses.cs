using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Contracts;

namespace Microsoft.Extensions.Hosting;

/// <summary>The one shape of every error answer: problem details with a stable <c>code</c>.</summary>
public static class ProblemResponses
{
    /// <summary>
    /// Answers with a problem of <paramref name="status"/> carrying <paramref name="code"/> (its title
    /// is the code in words) and a detail saying what happened; with <c>Retry-After</c> when given.
    /// </summary>
    public static ValueTask<bool> WriteProblemAsync(this IProblemDetailsService problems, HttpContext context, int status, string code, string detail,
        Exception? exception = null, int? retryAfterSeconds = null, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        var problem = new ProblemDetails { Status = status, Title = code.Replace('_', ' '), Detail = detail, Extensions = { ["code"] = code } };
        foreach (var (name, value) in extensions ?? [])
        {
            problem.Extensions[name] = value;
        }
        return problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = problem });
    }

    /// <summary>Answers with the problem of <paramref name="code"/> at its own status, from middleware that has no problem service at hand.</summary>
    public static ValueTask<bool> WriteProblemAsync(this HttpContext context, string code, string detail, int? retryAfterSeconds = null) =>
        context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteProblemAsync(context, ErrorCodes.StatusOf(code), code, detail, retryAfterSeconds: retryAfterSeconds);
}
