using Microsoft.Net.Http.Headers;

namespace VideoPlatform.Legacy.Streams;

internal static class NoStoreExtensions
{
    /// <summary>Signed CDN URLs expire and are bound to the address that resolved them: nobody may cache the redirect.</summary>
    public static void NoStore(this HttpResponse response) => response.Headers[HeaderNames.CacheControl] = "no-store";
}
