using System.Net;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting.Security;

internal static class ClientAddress
{
    /// <summary>The caller's address, as forwarded-headers handling left it (trusted proxies only).</summary>
    public static IPAddress Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    public static List<IPNetwork> ParseNetworks(IEnumerable<string> cidrs, string setting) =>
        cidrs.Select(cidr => IPNetwork.TryParse(cidr.Contains('/') ? cidr : cidr + (cidr.Contains(':') ? "/128" : "/32"), out var network)
                ? network
                : throw new InvalidOperationException($"{setting} contains '{cidr}', which is not an IP address or CIDR range."))
            .ToList();
}
