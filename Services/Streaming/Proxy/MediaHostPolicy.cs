using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace VideoPlatform.Streaming.Proxy;

/// <summary>
/// Which hosts the proxy may contact: those on <c>Streaming:AllowedMediaHosts</c> (a suffix
/// matches its subdomains), and — unless private addresses are allowed — only when they resolve
/// to public addresses, checked at connect time so a DNS answer cannot redirect us inward.
/// </summary>
public sealed class MediaHostPolicy(IOptions<StreamingOptions> options)
{
    public bool IsAllowed(Uri url)
    {
        if (url.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(url.UserInfo))
        {
            return false;
        }
        return MatchesSuffix(url, options.Value.AllowedMediaHosts);
    }

    /// <summary>Whether the URL's host is one of <paramref name="suffixes"/> or a subdomain of one.</summary>
    public static bool MatchesSuffix(Uri url, IEnumerable<string> suffixes)
    {
        var host = url.IdnHost.TrimEnd('.').ToLowerInvariant();
        return suffixes.Any(suffix =>
        {
            var allowed = suffix.Trim().TrimStart('.').ToLowerInvariant();
            return allowed.Length > 0 && (host == allowed || host.EndsWith("." + allowed, StringComparison.Ordinal));
        });
    }

    /// <summary>Connects to a media host, refusing loopback, private, link-local and other internal addresses.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var usable = options.Value.AllowPrivateAddresses ? addresses : addresses.Where(IsPublic).ToArray();
        if (usable.Length == 0)
        {
            throw new HttpRequestException($"{endpoint.Host} resolves to no public address; media hosts must be public.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    internal static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
        }
        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 127 || b[0] == 0
                 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                 || (b[0] == 192 && b[1] == 168)
                 || (b[0] == 169 && b[1] == 254)
                 || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                 || b[0] >= 224);
    }
}
