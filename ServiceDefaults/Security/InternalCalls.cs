using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting.Security;

/// <summary>How one of our services marks a call to another as ours: the internal key, and the client it is made for.</summary>
public static class InternalCalls
{
    /// <summary>
    /// Sets the internal key and the end client of <paramref name="incoming"/> on
    /// <paramref name="outgoing"/>, replacing whatever a client may have put there.
    /// </summary>
    public static void Stamp(HttpRequestMessage outgoing, string internalKey, HttpContext? incoming)
    {
        outgoing.Headers.Remove(ApiKeyMiddleware.HeaderName);
        outgoing.Headers.Remove(ApiKeyMiddleware.ClientAddressHeader);
        outgoing.Headers.Add(ApiKeyMiddleware.HeaderName, internalKey);
        if (incoming is not null)
        {
            outgoing.Headers.Add(ApiKeyMiddleware.ClientAddressHeader, ClientAddress.Of(incoming).ToString());
        }
    }

    /// <summary>Removes a client's claim about who the end client is from a request we pass on.</summary>
    public static void Unstamp(HttpRequestMessage outgoing) => outgoing.Headers.Remove(ApiKeyMiddleware.ClientAddressHeader);
}
