using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;
using VideoPlatform.Contracts;

namespace VideoPlatform.Legacy.Upstream;

/// <summary>
/// What a failed legacy request is, as the platform's one problem type: legacy's own refusals as
/// thrown, a service behind legacy that cannot be reached as a 503 naming it, and a problem that
/// metadata or streaming answered relayed (<see cref="DependencyProblems.Relay"/>: a hop's 429 is
/// not the player's limit, so it is a 503 here).
/// </summary>
internal static class LegacyProblems
{
    /// <summary>The problem <paramref name="exception"/> means, or null for a fault of legacy's own (a 500).</summary>
    public static ProblemException? Classify(Exception exception)
    {
        if (exception is ProblemException problem)
        {
            return problem;
        }
        // Refit wraps transport failures (ApiRequestException), so look through the chain.
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DependencyUnavailableException unavailable)
            {
                return Unavailable($"The {unavailable.Service} service is unavailable; try again shortly.", exception);
            }
            // The resilience pipeline gave up (total timeout, open circuit) before naming a service.
            if (current is TimeoutRejectedException or BrokenCircuitException)
            {
                return Unavailable("A service legacy depends on did not answer in time; try again shortly.", exception);
            }
        }
        return exception is ApiException answer ? DependencyProblems.Relay(answer, ServiceOf(answer)) : null;
    }

    /// <summary>
    /// True when the failure is a service behind legacy being down or over its budget, not the
    /// request's own: a batch then fails as a whole instead of item by item.
    /// </summary>
    public static bool DependencyDown(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DependencyUnavailableException or TimeoutRejectedException or BrokenCircuitException
                or ApiException { StatusCode: System.Net.HttpStatusCode.TooManyRequests })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Status for a video player: anything wrong with the video itself is 403, so players stop
    /// retrying a dead video (their retry loops would get us bot-checked); never 500.
    /// </summary>
    public static int PlayerStatus(ProblemException problem) => problem.Code switch
    {
        ErrorCodes.InvalidUrl or ErrorCodes.InvalidVideoId or ErrorCodes.InvalidRequest or ErrorCodes.UnsupportedPlatform => 400,
        ErrorCodes.RateLimited => 429,
        ErrorCodes.UpstreamThrottled or ErrorCodes.UpstreamRefused or ErrorCodes.UpstreamUnavailable => 503,
        _ when problem.Status is >= 400 and < 500 => 403,
        _ => 503,
    };

    private static ProblemException Unavailable(string detail, Exception inner) =>
        new(ErrorCodes.UpstreamUnavailable, detail, inner) { Status = StatusCodes.Status503ServiceUnavailable };

    // The Refit clients call "https+http://metadata" and "https+http://streaming": the host is the service.
    private static string ServiceOf(ApiException answer) =>
        answer.RequestMessage?.RequestUri?.Host is { Length: > 0 } host ? host : "upstream";
}
