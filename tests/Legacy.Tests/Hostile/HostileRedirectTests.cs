using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Legacy.Tests.Fakes;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Legacy.Tests.Hostile;

/// <summary>
/// Every legacy route that answers a 302 to a CDN (<c>/api/v1/?yt=</c>, VRChat, simple, v3, the
/// Python redirect, the Go direct and smart routes) against a streaming service that hands on
/// whatever URL a platform gave: none of them redirects to a URL outside the one redirect rule
/// (http(s), no user info, printable ASCII, never a link-local address), and none answers a 500.
/// </summary>
public sealed class HostileRedirectTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, string> _urls = new();
    private LoopbackServer _metadata = null!;
    private LoopbackServer _streaming = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _metadata = await LoopbackServer.StartAsync(FakeVideos.MapMetadata);
        _streaming = await LoopbackServer.StartAsync(app => app.MapGet("/api/v2/stream/direct/{platform}/{id}", (string platform, string id) => Results.Json(
            new ResolvedStream
            {
                Platform = platform,
                VideoId = id,
                StreamUrl = _urls.GetValueOrDefault(id, "https://rr1.googlevideo.com/videoplayback"),
                Format = new() { FormatId = "18", Url = _urls.GetValueOrDefault(id, ""), Ext = "mp4", HasAudio = true, HasVideo = true },
            }, ContractJson.Options)));
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("services:metadata:http:0", _metadata.Origin)
            .UseSetting("services:streaming:http:0", _streaming.Origin));
    }

    public static TheoryData<string> Unacceptable => new()
    {
        "javascript:alert(document.cookie)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/videoplayback",
        "https://user:secret@rr1.googlevideo.com/videoplayback",
        "https://rr1.googlevideo.com/video\r\nSet-Cookie: a=b",
        "https://rr1.googlevideo.com/vidéo",
    };

    [Theory]
    [MemberData(nameof(Unacceptable))]
    public async Task No_legacy_route_redirects_to_an_unacceptable_url(string url)
    {
        var id = "h" + Guid.NewGuid().ToString("N")[..10];
        _urls[id] = url;
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var video = Uri.EscapeDataString($"https://youtu.be/{id}");

        foreach (var path in new[]
                 {
                     $"/api/v1/?yt={video}", $"/api/vrchat/stream?url={video}", $"/api/stream?url={video}", $"/api/v3/streaming/youtube/{id}",
                     $"/api/v2/videos/redirect?url={video}", $"/api/v2/stream/direct/youtube/{id}", $"/api/v2/stream/youtube/{id}?mode=direct",
                 })
        {
            using var response = await client.GetAsync(path);

            Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, $"{path} answered 500");
            Assert.True(response.StatusCode != HttpStatusCode.Redirect, $"{path} redirected to {response.Headers.Location}");
            Assert.False(response.Headers.Contains("Set-Cookie"), path);
        }
    }

    [Fact]
    public async Task An_acceptable_cdn_url_is_still_redirected_to()
    {
        var id = "h" + Guid.NewGuid().ToString("N")[..10];
        _urls[id] = "https://rr1.googlevideo.com/videoplayback?id=ok";
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync($"/api/v2/stream/youtube/{id}?mode=direct");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(_urls[id], response.Headers.Location?.ToString());
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _streaming.DisposeAsync();
        await _metadata.DisposeAsync();
    }
}
