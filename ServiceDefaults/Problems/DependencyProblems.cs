using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Refit;
using VideoPlatform.Contracts;

namespace Microsoft.Extensions.Hosting;

/// <summary>Passes on the problem another of our services answered, as this service's own.</summary>
public static class DependencyProblems
{
    /// <summary>
    /// The problem <paramref name="service"/> answered, kept: its code and detail, and its status
    /// when the request was at fault (a dead video stays a 404). Its rate limit is our hop's budget,
    /// not the caller's, so it is a 503 here; a server error gets the status of its code.
    /// </summary>
    public static ProblemException Relay(ApiException exception, string service)
    {
        var status = (int)exception.StatusCode;
        if (exception.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new ProblemException(ErrorCodes.UpstreamUnavailable, $"The {service} service is refusing requests for now; try again shortly.", exception)
            {
                Status = StatusCodes.Status503ServiceUnavailable,
            };
        }
        if (status < 400)
        {
            return new ProblemException(ErrorCodes.UpstreamUnavailable, $"The {service} service answered something this service could not read.", exception);
        }

        var (code, detail) = Read(exception.Content);
        code ??= exception.StatusCode switch
        {
            HttpStatusCode.NotFound => ErrorCodes.NotFound,
            HttpStatusCode.BadRequest => ErrorCodes.InvalidRequest,
            _ => ErrorCodes.UpstreamUnavailable,
        };
        return new ProblemException(code, detail ?? $"The {service} service answered {status}.", exception)
        {
            Status = status < 500 ? status : ErrorCodes.StatusOf(code),
        };
    }

    private static (string? Code, string? Detail) Read(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return (null, null);
        }
        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }
            return (StringOf(document.RootElement, "code"), StringOf(document.RootElement, "detail") ?? StringOf(document.RootElement, "title"));
        }
        catch (JsonException)
        {
            // Not problem details (a proxy's HTML page): the status alone tells enough.
            return (null, null);
        }
    }

    private static string? StringOf(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
