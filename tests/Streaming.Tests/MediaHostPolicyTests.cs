using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using VideoPlatform.Streaming;
using VideoPlatform.Streaming.Proxy;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Streaming.Tests;

/// <summary>
/// The proxy's last line against SSRF, with the production setting (private addresses refused):
/// a host on the allow-list that resolves inward — by DNS (here <c>localhost</c>, as a rebinding
/// name would), or as a literal internal address in any of its spellings — is never connected to.
/// A real server listens on loopback and must receive nothing.
/// </summary>
public sealed class MediaHostPolicyTests : IAsyncLifetime
{
    private LoopbackServer _inside = null!;

    public async Task InitializeAsync() =>
        _inside = await LoopbackServer.StartAsync(routes => routes.MapGet("/{**path}", () => Results.Text("internal secret")));

    public async Task DisposeAsync() => await _inside.DisposeAsync();

    private static MediaHostPolicy Policy(params string[] hosts) =>
        new(Options.Create(new StreamingOptions { AllowedMediaHosts = [.. hosts], AllowPrivateAddresses = false }));

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("[::1]")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task A_media_host_that_resolves_to_loopback_is_never_connected_to(string host)
    {
        var policy = Policy(host.Trim('[', ']'));
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = policy.ConnectAsync, AllowAutoRedirect = false });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://{host}:{_inside.Address.Port}/videoplayback"));

        Assert.Contains("public", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_inside.Requests);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("[fe80::1]")]
    [InlineData("[fc00::1]")]
    [InlineData("[::ffff:10.0.0.1]")]
    public async Task Internal_addresses_are_refused_before_any_connection_attempt(string host)
    {
        var policy = Policy(host.Trim('[', ']'));
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = policy.ConnectAsync });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://{host}:80/videoplayback"));

        Assert.Contains("resolves to no public address", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://rr1---sn-abc.googlevideo.com/videoplayback", true)]
    [InlineData("https://googlevideo.com/videoplayback", true)]
    [InlineData("https://evilgooglevideo.com/videoplayback", false)]
    [InlineData("https://googlevideo.com.evil.example/videoplayback", false)]
    [InlineData("https://user:pass@rr1---sn-abc.googlevideo.com/videoplayback", false)]
    [InlineData("https://rr1---sn-abc.googlevideo.com@127.0.0.1/videoplayback", false)]
    [InlineData("ftp://rr1---sn-abc.googlevideo.com/videoplayback", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("https://RR1---SN-ABC.GOOGLEVIDEO.COM./videoplayback", true)]
    public void Only_http_urls_on_the_allow_list_without_userinfo_are_allowed(string url, bool allowed) =>
        Assert.Equal(allowed, Policy("googlevideo.com").IsAllowed(new Uri(url)));

    [Theory]
    [InlineData("googlevideo.com", "https://rr1---sn-abc.googlevideo.com/videoplayback", true)]
    [InlineData("googlevideo.com", "http://rr1---sn-abc.googlevideo.com/videoplayback", true)]
    [InlineData("googlevideo.com", "https://rr1---sn-abc.googlevideo.com:8443/videoplayback", false)]
    [InlineData("googlevideo.com", "http://rr1---sn-abc.googlevideo.com:22/videoplayback", false)]
    [InlineData("cdn.example:8443", "https://a.cdn.example:8443/media.mp4", true)]
    [InlineData("cdn.example:8443", "https://a.cdn.example/media.mp4", false)]
    [InlineData("[2001:4860::1]:8080", "http://[2001:4860::1]:8080/media.mp4", true)]
    [InlineData("[2001:4860::1]:8080", "http://[2001:4860::1]:8081/media.mp4", false)]
    public void A_bare_host_allows_only_its_scheme_port_and_host_port_only_that_port(string entry, string url, bool allowed) =>
        Assert.Equal(allowed, Policy(entry).IsAllowed(new Uri(url)));

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("198.18.0.1", false)]
    [InlineData("198.19.255.254", false)]
    [InlineData("192.0.2.1", false)]
    [InlineData("2607:f8b0:4004:c1b::65", true)]
    [InlineData("64:ff9b::808:808", true)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("64:ff9b::7f00:1", false)]
    [InlineData("64:ff9b::a9fe:a9fe", false)]
    [InlineData("64:ff9b:1::a00:1", false)]
    [InlineData("2002:808:808::1", true)]
    [InlineData("2002:a00:1::1", false)]
    [InlineData("2002:7f00:1::1", false)]
    [InlineData("::a00:1", false)]
    [InlineData("::7f00:1", false)]
    [InlineData("::ffff:a9fe:a9fe", false)]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", false)]
    public void Addresses_that_carry_an_internal_ipv4_address_are_not_public(string address, bool isPublic) =>
        Assert.Equal(isPublic, Microsoft.Extensions.Hosting.Security.PublicAddresses.IsPublic(System.Net.IPAddress.Parse(address)));
}
