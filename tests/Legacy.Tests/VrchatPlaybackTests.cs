using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.Legacy.Tests.Fakes;
using VideoPlatform.TestSupport;
using VideoPlatform.TestSupport.Media;

namespace VideoPlatform.Legacy.Tests;

/// <summary>
/// End to end as a player sees it: ffprobe (standing in for AVPro/Unity) loads legacy's
/// VRChat URL on a real socket, follows the 302 to a fake CDN and reads the media.
/// </summary>
public sealed class VrchatPlaybackTests : IAsyncLifetime
{
    private LoopbackServer _cdn = null!;
    private LoopbackServer _metadata = null!;
    private LoopbackServer _streaming = null!;
    private WebApplicationFactory<Program> _legacy = null!;
    private string _legacyAddress = null!;

    public async Task InitializeAsync()
    {
        var sample = await MediaFiles.ProgressiveMp4Async();
        _cdn = await LoopbackServer.StartAsync(app =>
            app.MapGet("/videoplayback", () => Results.File(sample, "video/mp4", enableRangeProcessing: true)));
        _metadata = await LoopbackServer.StartAsync(FakeVideos.MapMetadata);
        _streaming = await LoopbackServer.StartAsync(app => FakeVideos.MapStreaming(app, () => _cdn.Origin));

        _legacy = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("services:metadata:http:0", _metadata.Origin)
            .UseSetting("services:streaming:http:0", _streaming.Origin));
        _legacyAddress = _legacy.StartOnLoopback().GetLeftPart(UriPartial.Authority);
    }

    [Theory]
    [InlineData("NSPlayer/12.00.19041.1320 WMFSDK/12.00.19041.1320")]
    [InlineData("UnityPlayer/2022.3.22f1 (UnityWebRequest/1.0, libcurl/8.5.0-DEV)")]
    public async Task Ffprobe_follows_the_redirect_and_reads_an_h264_aac_mp4(string userAgent)
    {
        // Un-encoded, as the players send it.
        var url = $"{_legacyAddress}/api/vrchat/stream?url=https://youtu.be/{FakeVideos.Short}?t=10&quality=480p";

        var json = await MediaFiles.RunAsync("ffprobe", ["-v", "error", "-user_agent", userAgent,
            "-show_entries", "stream=codec_name,width,height", "-of", "json", url]);

        var codecs = JsonDocument.Parse(json).RootElement.GetProperty("streams").EnumerateArray()
            .Select(s => s.GetProperty("codec_name").GetString()).ToList();
        Assert.Contains("h264", codecs);
        Assert.Contains("aac", codecs);
        Assert.Contains(_cdn.PathsAsked, r => r.StartsWith($"/videoplayback?id={FakeVideos.Short}&itag=18&quality=480p", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await _legacy.DisposeAsync();
        await _streaming.DisposeAsync();
        await _metadata.DisposeAsync();
        await _cdn.DisposeAsync();
    }
}
