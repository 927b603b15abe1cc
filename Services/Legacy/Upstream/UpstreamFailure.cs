using System.Net;
using System.Text.Json;
using Refit;
using VideoPlatform.Contracts;

namespace VideoPlatform.Legacy.Upstream;

/// <summary>Why a call to metadata or streaming failed, with the status legacy answers.</summary>
/// <param name="Status">HTTP status for JSON routes (problem details).</param>
/// <param name="Code">Stable error code (<see cref="ErrorCodes"/>, or <c>dependency_unavailable</c>).</param>
/// <param name="Message">Short human sentence.</param>
internal sealed record UpstreamFailure(int Status, string Code, string Message)
{
    public const string DependencyUnavailable = "dependency_unavailable";

    /// <summary>
    /// Status for a video player: anything wrong with the video itself is 403, so players stop
    /// retrying a dead video (their retry loops would get us bot-checked); never 500.
    /// </summary>
    public int PlayerStatus => Code switch
    {
        ErrorCodes.InvalidUrl or ErrorCodes.InvalidVideoId or ErrorCodes.InvalidRequest or ErrorCodes.UnsupportedPlatform => 400,
        ErrorCodes.RateLimited => 429,
        DependencyUnavailable or ErrorCodes.UpstreamThrottled or ErrorCodes.UpstreamRefused or ErrorCodes.UpstreamUnavailable => 503,
        _ when Status is >= 400 and < 500 or 451 => 403,
        _ => 503,
    };

    public static UpstreamFailure? From(Exception exception)
    {
        // Refit wraps transport failures (ApiRequestException), so look through the chain.
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DependencyUnavailableException d)
            {
                return new(503, DependencyUnavailable, $"The {d.Service} service is unavailable; try again shortly.");
            }
            // The resilience pipeline gave up (total timeout, open circuit) before naming a service.
            if (current is Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
            {
                return new(503, DependencyUnavailable, "A service legacy depends on did not answer in time; try again shortly.");
            }
        }
        return exception is ApiException api ? FromResponse(api) : null;
    }

    public static UpstreamFailure Invalid(string code, string message) => new(ErrorCodes.StatusOf(code), code, message);

    private static UpstreamFailure FromResponse(ApiException api)
    {
        var status = (int)api.StatusCode;
        if (status < 400)
        {
            // A success whose body could not be read: the dependency broke its contract.
            return new UpstreamFailure(502, ErrorCodes.UpstreamUnavailable, $"Unreadable answer from upstream: {api.Message}");
        }
        string? code = null, detail = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(api.Content))
            {
                using var document = JsonDocument.Parse(api.Content);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                        : root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                }
            }
        }
        catch (JsonException)
        {
            // Not problem details (a proxy's HTML page, say): the status alone tells enough.
        }

        code ??= api.StatusCode switch
        {
            HttpStatusCode.NotFound => ErrorCodes.VideoUnavailable,
            HttpStatusCode.BadRequest => ErrorCodes.InvalidRequest,
            HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => ErrorCodes.UpstreamUnavailable,
            _ => ErrorCodes.UpstreamUnavailable,
        };
        if (status == 429)
        {
            // Our own hop's limit, not the player's: passing a 429 on would tell the player to slow
            // down for a budget that is not theirs (legacy's own limit answers players with 429).
            return new UpstreamFailure(503, DependencyUnavailable, "A service legacy depends on is refusing requests for now; try again shortly.");
        }
        // A dependency's own 5xx is a bad gateway from legacy's point of view.
        var answer = status >= 500 ? (code is ErrorCodes.UpstreamThrottled or ErrorCodes.UpstreamRefused ? 503 : 502) : status;
        return new UpstreamFailure(answer, code, detail ?? $"Upstream answered {status}.");
    }
}
