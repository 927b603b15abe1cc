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
}
