using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Legacy.Tests;

/// <summary>Legacy over real HTTP with fake metadata and streaming services that record what they were asked.</summary>
public sealed class LegacyFixture : IAsyncLifetime
{
    public const string CdnUrl = "https://rr1---sn-fake.googlevideo.com/videoplayback?id=1&itag=18";

    public LoopbackServer Metadata { get; private set; } = null!;
    public LoopbackServer Streaming { get; private set; } = null!;
    public ConcurrentQueue<string> StreamingCalls => Streaming.Requests;
    public ConcurrentQueue<string> MetadataCalls => Metadata.Requests;
    private WebApplicationFactory<Program> _factory = null!;

    public HttpClient CreateClient(string? userAgent = null)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (userAgent is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        }
        return client;
    }

    public async Task InitializeAsync()
    {
        Metadata = await LoopbackServer.StartAsync(routes =>
        {
            routes.MapGet("/api/v2/resolve", (string url) =>
                url.Contains("youtu", StringComparison.Ordinal) ? Results.Json(new ResolvedUrl("youtube", "video", url.Contains("removed") ? "removedVid1" : url.Contains("bili") ? "bilibili001" : "dQw4w9WgXcQ"), ContractJson.Options)
                : url.Contains("bilibili", StringComparison.Ordinal) ? Results.Json(new ResolvedUrl("bilibili", "video", "BV1xx411c7mD"), ContractJson.Options)
                : Results.Json(new { code = ErrorCodes.UnsupportedPlatform, detail = "No supported platform recognises it." }, statusCode: 400, contentType: "application/problem+json"));
            routes.MapGet("/api/v2/videos/{platform}/{id}", (string platform, string id) => id == "removedVid1"
                ? Results.Json(new { code = ErrorCodes.VideoUnavailable, detail = "This video is unavailable." }, statusCode: 404, contentType: "application/problem+json")
                : Results.Json(new VideoInfo
                {
                    Id = id,
                    Platform = platform,
                    Title = "Rick's \"Best\" Café",
                    Duration = 212,
                    Uploader = "Rick Astley",
                    ViewCount = 10,
                    UploadDate = "20091024",
                    Formats = [new VideoFormat { FormatId = "18", Url = CdnUrl, Ext = "mp4", Vcodec = "avc1.42001E", Acodec = "mp4a.40.2", Height = 360, HasVideo = true, HasAudio = true }],
                }, ContractJson.Options));
            routes.MapGet("/api/v2/platforms", () => Results.Json(new PlatformList([new("youtube", "YouTube", ["youtube.com"], ["https://youtu.be/{id}"], ["info"], "supported")]), ContractJson.Options));
            routes.MapGet("/health", () => Results.Json(new { status = "Healthy" }));
        });
        Streaming = await LoopbackServer.StartAsync(routes =>
        {
            routes.MapGet("/api/v2/stream/direct/{platform}/{id}", (string platform, string id) => id switch
            {
                "removedVid1" => Results.Json(new { code = ErrorCodes.VideoUnavailable, detail = "This video is unavailable." }, statusCode: 404, contentType: "application/problem+json"),
                _ => Results.Json(new ResolvedStream
                {
                    Platform = platform,
                    VideoId = id,
                    StreamUrl = CdnUrl,
                    ExpiresAt = DateTimeOffset.UtcNow.AddHours(6),
                    RequiresProxy = platform == "bilibili",
                    ProxyPath = $"/api/v2/stream/proxy/{platform}/{id}?quality=720p",
                    Format = new VideoFormat { FormatId = "18", Url = CdnUrl, Ext = "mp4", Vcodec = "avc1.42001E", Acodec = "mp4a.40.2", Height = 360, HasVideo = true, HasAudio = true },
                }, ContractJson.Options),
            });
            routes.MapGet("/api/v2/stream/metrics", () => Results.Json(new StreamMetricsResponse(true, new StreamMetrics()), ContractJson.Options));
            routes.MapGet("/health", () => Results.Json(new { status = "Healthy" }));
        });

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("services:metadata:http:0", Metadata.Address.ToString())
            .UseSetting("services:streaming:http:0", Streaming.Address.ToString())
            .UseSetting("Legacy:StreamingPublicUrl", "http://streaming.example:5102"));
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await Metadata.DisposeAsync();
        await Streaming.DisposeAsync();
    }
}
