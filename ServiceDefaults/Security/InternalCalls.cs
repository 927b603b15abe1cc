using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting.Security;

/// <summary>How one of our services marks a call to another as ours: the internal key, and the client it is made for.</summary>
public static class InternalCalls
{
    private static readonly AsyncLocal<IPAddress?> Served = new();

    /// <summary>The client of the request being served here, for calls made without its <see cref="HttpContext"/> at hand.</summary>
    internal static IPAddress? ServedClient => Served.Value;

    /// <summary>
    /// Remembers which client the rest of the request serves, as forwarded headers and the internal
    /// key left its address, for <see cref="InternalApiKeyHandler"/> to name on the calls it makes.
    /// An <see cref="AsyncLocal{T}"/> of its own rather than <c>IHttpContextAccessor</c>: registering
    /// that turns off Kestrel's reuse of <see cref="HttpContext"/> objects, and with it a third of
    /// what a cached answer allocated. Async, so that the value ends with the request.
    /// </summary>
    internal static IApplicationBuilder UseServedClient(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        Served.Value = ClientAddress.Of(context);
        await next(context);
    });

    /// <summary>
    /// Sets the internal key and the end client of <paramref name="incoming"/> on
    /// <paramref name="outgoing"/>, replacing whatever a client may have put there.
    /// </summary>
    public static void Stamp(HttpRequestMessage outgoing, string internalKey, HttpContext incoming) =>
        Stamp(outgoing, internalKey, ClientAddress.Of(incoming));

    /// <inheritdoc cref="Stamp(HttpRequestMessage, string, HttpContext)"/>
    internal static void Stamp(HttpRequestMessage outgoing, string internalKey, IPAddress? client)
    {
        outgoing.Headers.Remove(ApiKeyMiddleware.HeaderName);
        outgoing.Headers.Remove(ApiKeyMiddleware.ClientAddressHeader);
        outgoing.Headers.Add(ApiKeyMiddleware.HeaderName, internalKey);
        if (client is not null)
        {
            outgoing.Headers.Add(ApiKeyMiddleware.ClientAddressHeader, client.ToString());
        }
    }

    /// <summary>Removes a client's claim about who the end client is from a request we pass on.</summary>
    public static void Unstamp(HttpRequestMessage outgoing) => outgoing.Headers.Remove(ApiKeyMiddleware.ClientAddressHeader);
}
