using System.Net;

namespace Microsoft.Extensions.Hosting.Security;

/// <summary>
/// The one rule every redirect to a URL that came from a platform passes, in every service that
/// answers one: an absolute <c>http</c> or <c>https</c> URL without user info, written in printable
/// ASCII (what a <c>Location</c> header can carry; anything else fails the response), whose host — when it is an address rather than a name — is public, and never
/// link-local. Streaming adds its media-host allow-list (host and port) on top; every URL it hands
/// on (<c>/api/v2/stream/direct</c>) has passed both.
/// </summary>
public static class RedirectTargets
{
    /// <summary>
    /// Whether <paramref name="url"/> may stand in a <c>Location</c>. <paramref name="allowPrivate"/>
    /// lets private and loopback addresses through (loopback fakes in tests), never link-local ones.
    /// </summary>
    public static bool IsAcceptable(string? url, bool allowPrivate = false) =>
        url is not null && !url.AsSpan().ContainsAnyExceptInRange('!', '~') && Uri.TryCreate(url, UriKind.Absolute, out var parsed) && IsAcceptable(parsed, allowPrivate);

    /// <inheritdoc cref="IsAcceptable(string?, bool)"/>
    public static bool IsAcceptable(Uri url, bool allowPrivate = false)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(url.UserInfo) || url.Host.Length == 0)
        {
            return false;
        }
        if (url.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6) || !IPAddress.TryParse(url.DnsSafeHost, out var address))
        {
            return true;
        }
        return allowPrivate ? !PublicAddresses.IsNeverMedia(address) : PublicAddresses.IsPublic(address);
    }
}
