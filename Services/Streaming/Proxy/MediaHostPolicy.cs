using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting.Security;
using Microsoft.Extensions.Options;

namespace VideoPlatform.Streaming.Proxy;

/// <summary>
/// Which URLs the proxy may contact and this service may redirect to: <c>http(s)</c> on a host of
/// <c>Streaming:AllowedMediaHosts</c> (a suffix matches its subdomains; <c>host:port</c> names the
/// one port allowed, a bare host the scheme's default port), passing <see cref="RedirectTargets"/>,
/// and — unless private addresses are allowed — connected to only when the host resolves to public
/// addresses, checked at connect time so a DNS answer cannot redirect us inward.
/// </summary>
public sealed class MediaHostPolicy(IOptions<StreamingOptions> options)
{
    public bool IsAllowed(Uri url)
    {
        var current = options.Value;
        if (!RedirectTargets.IsAcceptable(url, current.AllowPrivateAddresses))
        {
            return false;
        }
        var host = url.IdnHost.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        return current.AllowedMediaHosts.Any(entry => Admits(entry, host, url, current.AllowPrivateAddresses));
    }

    /// <summary>
    /// Whether one allow-list entry admits the URL. A bare host admits only the scheme's default
    /// port (so an allowed name cannot be used to probe its other ports), except where private
    /// addresses are allowed: loopback fakes listen on whatever port they were given.
    /// </summary>
    private static bool Admits(string entry, string host, Uri url, bool anyPort)
    {
        var (suffix, port) = SplitPort(entry.Trim().TrimStart('.').ToLowerInvariant());
        if (suffix.Length == 0 || !(host == suffix || host.EndsWith("." + suffix, StringComparison.Ordinal)))
        {
            return false;
        }
        return port is { } only ? url.Port == only : url.IsDefaultPort || anyPort;
    }

    private static (string Host, int? Port) SplitPort(string entry)
    {
        var colon = entry.LastIndexOf(':');
        var bracket = entry.LastIndexOf(']');
        if (colon <= 0 || colon < bracket || (bracket < 0 && entry.IndexOf(':') != colon))
        {
            return (entry.Trim('[', ']'), null);
        }
        return int.TryParse(entry.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            ? (entry[..colon].Trim('[', ']'), port)
            : (entry, -1);
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
        var usable = options.Value.AllowPrivateAddresses
            ? addresses.Where(a => !PublicAddresses.IsNeverMedia(a)).ToArray()
            : addresses.Where(PublicAddresses.IsPublic).ToArray();
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
}
