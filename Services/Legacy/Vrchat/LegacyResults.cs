using Microsoft.AspNetCore.Mvc;

namespace VideoPlatform.Legacy.Vrchat;

/// <summary>How legacy routes answer failures: players get one short line of text, JSON clients a problem.</summary>
internal static class LegacyResults
{
    /// <summary>For routes a video player calls: a plain-text line with the right status.</summary>
    public static async Task<IResult> ForPlayer(Func<Task<IResult>> handle)
    {
        try
        {
            return await handle();
        }
        catch (LegacyFailure failure)
        {
            return Results.Text(failure.Message, "text/plain; charset=utf-8", statusCode: failure.Status);
        }
    }

    /// <summary>For JSON routes: a problem with the seed's <c>error</c>/<c>detail</c> fields and the platform's <c>code</c>.</summary>
    public static async Task<IResult> ForJson(Func<Task<IResult>> handle)
    {
        try
        {
            return await handle();
        }
        catch (LegacyFailure failure)
        {
            return Results.Problem(new ProblemDetails
            {
                Status = failure.Status,
                Title = failure.Code.Replace('_', ' '),
                Detail = failure.Message,
                Extensions = { ["code"] = failure.Code, ["error"] = failure.Message, ["success"] = false },
            });
        }
    }
}
