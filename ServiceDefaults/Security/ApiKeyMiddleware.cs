using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;

namespace Microsoft.Extensions.Hosting.Security;

/// <summary>
/// Requires one of the configured API keys, from the <c>X-API-Key</c> header or the <c>api_key</c>
/// query parameter (players cannot send headers), and recognises the internal key of our own
/// services, whose calls may name the end client they are made for. With no public keys
/// configured, callers without a key pass. Keys are compared in constant time over their SHA-256
/// digests, so neither content nor length leaks through timing.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<SecurityOptions> options, ILoggerFactory loggers)
{
    public const string HeaderName = "X-API-Key";
    public const string QueryName = "api_key";

    /// <summary>The end client an internal call is made for (legacy's player); believed only with the internal key.</summary>
    public const string ClientAddressHeader = "X-Client-Address";

    /// <summary>The name an internal call's <see cref="ApiKeyFeature"/> carries.</summary>
    public const string InternalKeyName = "internal";

    private static readonly ApiKeyOptions InternalKey = new() { Name = InternalKeyName, PermitLimit = 0 };

    private readonly (byte[] Digest, ApiKeyOptions Key)[] _keys = options.Value.ApiKeys
        .Where(k => !string.IsNullOrEmpty(k.Key))
        .Select(k => (SHA256.HashData(Encoding.UTF8.GetBytes(k.Key)), k))
        .Concat(options.Value.InternalApiKey is { Length: > 0 } key ? [(SHA256.HashData(Encoding.UTF8.GetBytes(key)), InternalKey)] : [])
        .ToArray();
    private readonly bool _keyRequired = options.Value.ApiKeys.Any(k => !string.IsNullOrEmpty(k.Key));
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
            return _keyRequired
                ? Refuse(context, "missing", "An API key is required: send it in the X-API-Key header or the api_key query parameter.")
                : next(context);
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

        if (ReferenceEquals(match, InternalKey)
            && IPAddress.TryParse(context.Request.Headers[ClientAddressHeader].ToString(), out var client))
        {
            // Our own service relays a player's request: what follows (limits of its own, audit,
            // logs) is about the player, not about the service that relayed it.
            context.Connection.RemoteIpAddress = client;
        }
        context.Features.Set(new ApiKeyFeature(match.Name, match.PermitLimit));
        return next(context);
    }

    private async Task Refuse(HttpContext context, string reason, string detail)
    {
        SecurityAudit.ApiKeyRejected(_audit, reason, ClientAddress.Of(context).ToString(), context.Request.Method, context.Request.Path);
        context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-API-Key\"";
        await context.WriteProblemAsync(ErrorCodes.Unauthorized, detail);
    }
}

/// <summary>The API key a request was accepted with.</summary>
public sealed record ApiKeyFeature(string Name, int? PermitLimit)
{
    /// <summary>Whether the caller is one of our own services (the internal key), not a client.</summary>
    public bool IsInternal => Name == ApiKeyMiddleware.InternalKeyName;
}
