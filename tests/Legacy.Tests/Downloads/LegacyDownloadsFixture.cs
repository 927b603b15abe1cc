extern alias streaming;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.TestSupport;
using VideoPlatform.TestSupport.Media;

namespace VideoPlatform.Legacy.Tests.Downloads;

/// <summary>
/// Legacy in front of the real streaming service (on Kestrel, as legacy reaches it over HTTP),
/// with a fake metadata service and a fake CDN serving a real MP4: the download routes drive
/// streaming's real jobs, ffmpeg included.
/// </summary>
public sealed class LegacyDownloadsFixture : IAsyncLifetime
{
    /// <summary>A video whose file the CDN serves at once.</summary>
    public const string Quick = "quickvideo1";
    /// <summary>A video whose file the CDN trickles, so that a job is seen half done.</summary>
    public const string Trickled = "trickled001";
    public const string Dead = "deadvideo01";

    private WebApplicationFactory<streaming::Program> _streaming = null!;
    private WebApplicationFactory<Program> _legacy = null!;
    private FakeCdn _cdn = null!;
    private FakeMetadata _metadata = null!;

    public string Downloads { get; } = Path.Combine(Path.GetTempPath(), $"legacy-downloads-{Guid.NewGuid():N}");

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var media = await MediaFiles.ProgressiveMp4Async();
        _cdn = await FakeCdn.StartAsync();
        var quick = _cdn.Add("progressive.mp4", media);
        var trickled = new Uri(_cdn.Address, "/trickle/progressive.mp4");
        _metadata = await FakeMetadata.StartAsync((platform, id) => id switch
        {
            Quick => FakeMetadata.Json(Formats(platform, id, quick)),
            Trickled => FakeMetadata.Json(Formats(platform, id, trickled)),
            _ => null,
        }, routes => routes.MapGet("/api/v2/videos/{platform}/{id}", (string platform, string id) => id == Dead
            ? FakeMetadata.Problem(ErrorCodes.VideoUnavailable, "This video is unavailable.")
            : FakeMetadata.Json(new VideoInfo { Id = id, Platform = platform, Title = $"Video {id}", Duration = 6 })));

        _streaming = new WebApplicationFactory<streaming::Program>().WithWebHostBuilder(web => web
            .UseSetting("services:metadata:http:0", _metadata.Address.ToString())
            .UseSetting("Streaming:AllowedMediaHosts:0", "127.0.0.1")
            .UseSetting("Streaming:AllowPrivateAddresses", "true")
            .UseSetting("Streaming:TokenKey", "legacy-downloads-test-key")
            .UseSetting("Downloads:Directory", Downloads));
        var streamingAddress = _streaming.StartOnLoopback().GetLeftPart(UriPartial.Authority);

        _legacy = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("services:metadata:http:0", _metadata.Address.ToString())
            .UseSetting("services:streaming:http:0", streamingAddress));
        Client = _legacy.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    /// <summary>Fetches a URL legacy handed out (streaming's public address) as a player would.</summary>
    public static async Task<byte[]> FetchAsync(string url)
    {
        using var http = new HttpClient();
        return await http.GetByteArrayAsync(url);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _legacy.DisposeAsync();
        await _streaming.DisposeAsync();
        await _metadata.DisposeAsync();
        await _cdn.DisposeAsync();
        if (Directory.Exists(Downloads))
        {
            Directory.Delete(Downloads, recursive: true);
        }
    }

    private static FormatList Formats(string platform, string id, Uri url) => new()
    {
        VideoId = id,
        Platform = platform,
        Title = $"Video {id}",
        Duration = 6,
        Formats =
        [
            new VideoFormat
            {
                FormatId = "18", Url = url.ToString(), Ext = "mp4", Vcodec = "avc1.42001E", Acodec = "mp4a.40.2",
                Width = 640, Height = 360, HasAudio = true, HasVideo = true,
            },
        ],
    };
}
