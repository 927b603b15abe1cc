using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting.Security;

/// <summary>
/// Requires one of the configured API keys, from the <c>X-API-Key</c> header or the <c>api_key</c>
/// query parameter (players cannot send headers). Keys are compared in constant time over their
/// SHA-256 digests, so neither content nor length leaks through timing.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<SecurityOptions> options, ILoggerFactory loggers)
{
    public const string HeaderName = "X-API-Key";
    public const string QueryName = "api_key";

    private readonly (byte[] Digest, ApiKeyOptions Key)[] _keys = options.Value.ApiKeys
        .Where(k => !string.IsNullOrEmpty(k.Key))
        .Select(k => (SHA256.HashData(Encoding.UTF8.GetBytes(k.Key)), k))
        .ToArray();
    private readonly ILogger _audit = loggers.CreateLogger(SecurityAudit.Category);

    public Task InvokeAsync(HttpContext context)
    {
        string? presented = context.Request.Headers[HeaderName];
        if (string.IsNullOrEmpty(presented))
        {
            presented = context.Request.Query[QueryName];
        }

        if (string.IsNullOrEmpty(presented))
        {
            return Refuse(context, "missing", "An API key is required: send it in the X-API-Key header or the api_key query parameter.");
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKeyOptions? match = null;
        foreach (var (candidate, key) in _keys)
        {
            // Every key is compared, so the time taken does not say which one matched.
            if (CryptographicOperations.FixedTimeEquals(candidate, digest))
            {
                match = key;
            }
        }

        if (match is null)
        {
            return Refuse(context, "unknown", "The API key is not valid.");
        }

        context.Features.Set(new ApiKeyFeature(match.Name, match.PermitLimit));
        return next(context);
    }

    private Task Refuse(HttpContext context, string reason, string detail)
    {
        SecurityAudit.ApiKeyRejected(_audit, reason, ClientAddress.Of(context).ToString(), context.Request.Method, context.Request.Path);
        context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-API-Key\"";
        return SecurityProblems.WriteAsync(context, StatusCodes.Status401Unauthorized, SecurityProblems.Unauthorized, detail);
    }
}

/// <summary>The API key a request was accepted with.</summary>
public sealed record ApiKeyFeature(string Name, int? PermitLimit);
