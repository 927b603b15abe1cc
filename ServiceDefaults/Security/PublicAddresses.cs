using System.Net;
using System.Net.Sockets;

namespace Microsoft.Extensions.Hosting.Security;

/// <summary>
/// Whether an address is one the open internet routes to: anything a media CDN may resolve to.
/// IPv6 forms that carry an IPv4 address (mapped, IPv4-compatible, NAT64 64:ff9b::/96, 6to4
/// 2002::/16) are judged by the IPv4 address they reach, so an internal one cannot hide in them.
/// </summary>
public static class PublicAddresses
{
    private static readonly IPNetwork[] InternalV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/3"),
    ];

    private static readonly IPNetwork[] InternalV6 =
    [
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("64:ff9b:1::/48"), IPNetwork.Parse("100::/64"),
        IPNetwork.Parse("2001::/32"), IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork[] NeverMedia =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("224.0.0.0/3"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork V4Compatible = IPNetwork.Parse("::/96");

    public static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedV4(address) is { } inner)
        {
            address = inner;
        }
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => !InternalV4.Any(n => n.Contains(address)),
            AddressFamily.InterNetworkV6 => !InternalV6.Any(n => n.Contains(address)),
            _ => false,
        };
    }

    /// <summary>
    /// Addresses no media host has even where private ones are allowed (loopback fakes in tests):
    /// link-local (cloud metadata services answer there), unspecified and multicast.
    /// </summary>
    public static bool IsNeverMedia(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedV4(address) is { } inner)
        {
            address = inner;
        }
        return NeverMedia.Any(n => n.Contains(address));
    }

    /// <summary>The IPv4 address an IPv6 address stands for, when it is one of the forms that carry one.</summary>
    private static IPAddress? EmbeddedV4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address) || (V4Compatible.Contains(address) && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback)))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }
        return SixToFour.Contains(address) ? new IPAddress(bytes.AsSpan(2, 4)) : null;
    }
}
