using System.Net;
using VideoPlatform.Contracts;

namespace Microsoft.Extensions.Hosting;

/// <summary>What a platform's or CDN's HTTP status means to our callers, decided in one place.</summary>
public static class UpstreamAnswers
{
    /// <summary>
    /// Throws the problem an unsuccessful answer of <paramref name="upstream"/> (named as callers
    /// should read it: "YouTube's player API") stands for: its rate limit is
    /// <c>upstream_throttled</c>, anything else <c>upstream_unavailable</c>. Statuses that mean
    /// something on one platform (a 404 for a deleted video) are handled before this.
    /// </summary>
    public static void EnsureUpstreamAnswered(this HttpResponseMessage response, string upstream)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        throw response.StatusCode == HttpStatusCode.TooManyRequests
            ? new ProblemException(ErrorCodes.UpstreamThrottled, $"{upstream} is rate limiting this server; try again later.")
            : new ProblemException(ErrorCodes.UpstreamUnavailable, $"{upstream} answered {(int)response.StatusCode}.");
    }
}
