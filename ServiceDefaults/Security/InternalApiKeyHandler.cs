using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting.Security;

/// <summary>
/// Adds the internal API key to calls addressed to another service of the platform by its
/// service-discovery name (<c>https+http://metadata</c>), and to nothing else: an upstream such as
/// YouTube never sees it. The call names the client of the request it is made for, so the service
/// called sees the player rather than us. Runs before service discovery rewrites the address.
/// </summary>
internal sealed class InternalApiKeyHandler(IOptions<SecurityOptions> options, IConfiguration configuration)
    : DelegatingHandler
{
    private readonly HashSet<string> _services = configuration.GetSection("Services").GetChildren()
        .Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (options.Value.InternalApiKey is { Length: > 0 } key
            && request.RequestUri is { } uri
            && (uri.Scheme.Contains('+') || _services.Contains(uri.Host))
            && !request.Headers.Contains(ApiKeyMiddleware.HeaderName))
        {
            InternalCalls.Stamp(request, key, InternalCalls.ServedClient);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
