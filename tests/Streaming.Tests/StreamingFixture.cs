using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.TestSupport;
using VideoPlatform.TestSupport.Media;

namespace VideoPlatform.Streaming.Tests;

/// <summary>
/// The streaming service on real Kestrel (so ffprobe can read from it), with a fake metadata
/// service and a fake CDN serving real media made with ffmpeg.
/// </summary>
public sealed class StreamingFixture : IAsyncLifetime
{
    public FakeCdn Cdn { get; private set; } = null!;
    public FakeMetadata Metadata { get; private set; } = null!;
    public string MediaPath { get; private set; } = null!;
    public byte[] Media { get; private set; } = [];
    /// <summary>The fragmented video-only file of the DASH video, as the CDN serves it.</summary>
    public byte[] DashVideo { get; private set; } = [];
    public Uri Address { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public ConcurrentQueue<string> MetadataCalls => Metadata.Requests;

    /// <summary>Size of one upstream range for chunked hosts: small, so that the test file takes many.</summary>
    public const int UpstreamChunkBytes = 32 * 1024;

    /// <summary>Entries of a batch the service resolves at once (<c>Streaming:BatchConcurrency</c>).</summary>
    public const int BatchConcurrency = 3;

    /// <summary>The most format requests for <c>batch…</c> videos metadata had in flight at once.</summary>
    public int MostBatchCallsAtOnce => Volatile.Read(ref _mostBatchCalls);

    private int _batchCalls;
    private int _expiredAnswers;

    /// <summary>How many times metadata was asked for <c>dashexpired1</c>: its answer's video URL ends with <c>?n=</c> that count.</summary>
    public int ExpiredAnswers => Volatile.Read(ref _expiredAnswers);
    private int _mostBatchCalls;
    private readonly TaskCompletionSource _batchGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplicationFactory<Program> _factory = null!;

    /// <summary>The service's download directory, and a place for tests to keep what they fetched; removed at the end.</summary>
    public string Downloads { get; } = Path.Combine(Path.GetTempPath(), $"downloads-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        MediaPath = await MediaFiles.ProgressiveMp4Async();
        Media = await File.ReadAllBytesAsync(MediaPath);
        Cdn = await FakeCdn.StartAsync();
        var progressive = Cdn.Add("progressive.mp4", MediaPath);
        var expiring = Cdn.Add("expiring.mp4", MediaPath);
        var slow = new Uri(Cdn.Address, "/slow");
        // Named by "localhost", the one host the fixture marks as chunked (as googlevideo.com is by default).
        Cdn.Add("videoplayback", MediaPath);
        var chunked = new Uri($"http://localhost:{Cdn.Address.Port}/videoplayback?expire=1&itag=18");
        var chunkedSlow = new Uri($"http://localhost:{Cdn.Address.Port}/trickle/progressive.mp4");
        var master = Cdn.AddHls(await MediaFiles.HlsAsync());
        var (videoOnly, audioOnly) = await MediaFiles.AdaptiveAsync();
        var adaptiveVideo = Cdn.Add("video-only.mp4", videoOnly);
        var adaptiveAudio = Cdn.Add("audio-only.m4a", audioOnly);
        var (dashVideoPath, dashAudioPath) = await MediaFiles.DashAsync();
        DashVideo = await File.ReadAllBytesAsync(dashVideoPath);
        var dashVideo = Cdn.Add("dash-video.mp4", dashVideoPath);
        var dashAudio = Cdn.Add("dash-audio.m4a", dashAudioPath);
        var dubbedAudio = Cdn.Add("dash-audio-de.m4a", dashAudioPath);
        var dash = DashFiles(dashVideo, dashAudio, MediaFiles.SegmentRanges(DashVideo), MediaFiles.SegmentRanges(await File.ReadAllBytesAsync(dashAudioPath)));

        Metadata = await FakeMetadata.StartAsync(async (platform, id, context) => id.StartsWith("batch", StringComparison.Ordinal)
                ? await BatchFormatsAsync(id)
                : id switch
                {
                    "vid00000001" => Results.Json(Formats(id, (progressive, "18", 360), (new Uri(Cdn.Address, "/media/video-only.mp4"), "137", 1080)), ContractJson.Options),
                    "expiring001" => Results.Json(Formats(id, (expiring, "18", 360)), ContractJson.Options),
                    "slowvideo01" => Results.Json(Formats(id, (slow, "18", 360)), ContractJson.Options),
                    "adaptive0001" => Results.Json(Formats(id) with
                    {
                        Formats =
                        [
                            new VideoFormat { FormatId = "136", Url = adaptiveVideo.ToString(), Ext = "mp4", Vcodec = "avc1.64001F", Height = 360, Width = 640, HasVideo = true },
                        new VideoFormat { FormatId = "140", Url = adaptiveAudio.ToString(), Ext = "m4a", Acodec = "mp4a.40.2", AudioSampleRate = 44100, HasAudio = true },
                    ],
                    }, ContractJson.Options),
                    "dash00000001" => Results.Json(Formats(id, (progressive, "18", 360)) with { Formats = [.. Formats(id, (progressive, "18", 360)).Formats, .. dash] },
                        ContractJson.Options),
                    // The same file as a taller format too: what matters there is which heights the manifest offers.
                    "dash00000002" => Results.Json(Formats(id) with { Formats = [.. dash, dash[0] with { FormatId = "136", Height = 720, Width = 1280 }] },
                        ContractJson.Options),
                    // One itag per audio language, as YouTube gives dubbed tracks: the German track's own file.
                    "dashdubbed01" => Results.Json(Formats(id) with
                    {
                        Formats =
                        [
                            dash[0],
                            dash[1] with { AudioTrack = new AudioTrack("en.4", "en", "English original", true, "original") },
                            dash[1] with { Url = dubbedAudio.ToString(), AudioTrack = new AudioTrack("de.3", "de", "German", false, "dubbed") },
                        ],
                    }, ContractJson.Options),
                    // URLs that have expired by the time they are used, each answer naming new ones, as a
                    // player that holds a manifest for longer than its URLs live sees them.
                    "dashexpired1" => Results.Json(Formats(id) with
                    {
                        ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1),
                        Formats = [dash[0] with { Url = $"{dashVideo}?n={Interlocked.Increment(ref _expiredAnswers)}" }, dash[1]],
                    }, ContractJson.Options),
                    "chunked0001" => Results.Json(Formats(id, (chunked, "18", 360)), ContractJson.Options),
                    "chunkedslow1" => Results.Json(Formats(id, (chunkedSlow, "18", 360)), ContractJson.Options),
                    "cachestats01" => Results.Json(Formats(id, (progressive, "18", 360)), ContractJson.Options),
                    // As YouTube's VISIONOS answers: adaptive files and an HLS master, no muxed format.
                    "tokenless001" => Results.Json(Formats(id, (new Uri(Cdn.Address, "/media/video-only.mp4"), "137", 1080)) with { HlsManifestUrl = master.ToString() },
                        ContractJson.Options),
                    "live00000001" => Results.Json(new FormatList { VideoId = id, Platform = platform, IsLive = true, HlsManifestUrl = master.ToString() }, ContractJson.Options),
                    "ytdown00001" => PlatformDown(context),
                    "offlist0001" => Results.Json(Formats(id, (new Uri("https://evil.example/media.mp4"), "18", 360)), ContractJson.Options),
                    "localhost01" => Results.Json(Formats(id, (new Uri($"http://localhost:{Cdn.Address.Port}/media/progressive.mp4"), "18", 360)), ContractJson.Options),
                    "bilibili001" => Results.Json(Formats(id, (progressive, "64", 720)) with
                    {
                        Formats = [Formats(id, (progressive, "64", 720)).Formats[0] with { HttpHeaders = new Dictionary<string, string> { ["Referer"] = "https://www.bilibili.com/" } }],
                    }, ContractJson.Options),
                    _ => null,
                });

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("services:metadata:http:0", Metadata.Address.ToString())
            .UseSetting("Streaming:AllowedMediaHosts:0", "127.0.0.1")
            .UseSetting("Streaming:AllowedMediaHosts:1", "localhost")
            .UseSetting("Streaming:AllowPrivateAddresses", "true")
            .UseSetting("Streaming:ChunkedMediaHosts:0", "localhost")
            .UseSetting("Streaming:UpstreamChunkBytes", UpstreamChunkBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Streaming:BatchConcurrency", BatchConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Downloads:Directory", Path.Combine(Downloads, "service")));
        // Real Kestrel, so that ffprobe and ffmpeg can read from the service.
        Address = _factory.StartOnLoopback();
        Client = new HttpClient { BaseAddress = Address };
    }

    /// <summary>What metadata answers when the platform is down, having retried it already: 503, come back in 5 s.</summary>
    private static IResult PlatformDown(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "5";
        return Results.Json(new { type = "about:blank", title = "upstream unavailable", status = 503, code = ErrorCodes.UpstreamUnavailable, detail = "YouTube did not answer." },
            statusCode: 503, contentType: "application/problem+json");
    }

    /// <summary>
    /// Formats of a <c>batch…</c> video, held back until as many such requests are in flight as a
    /// batch may run at once: a batch that resolved one at a time would wait here in vain, and the
    /// most seen in flight tells whether the bound held.
    /// </summary>
    private async Task<IResult> BatchFormatsAsync(string id)
    {
        var now = Interlocked.Increment(ref _batchCalls);
        int most;
        while ((most = Volatile.Read(ref _mostBatchCalls)) < now && Interlocked.CompareExchange(ref _mostBatchCalls, now, most) != most)
        {
        }
        if (now >= BatchConcurrency)
        {
            _batchGate.TrySetResult();
        }
        try
        {
            // Below metadata's 10-second attempt time-out, so a batch that never fills the gate fails visibly.
            await _batchGate.Task.WaitAsync(TimeSpan.FromSeconds(8));
        }
        catch (TimeoutException)
        {
            return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
        }
        finally
        {
            Interlocked.Decrement(ref _batchCalls);
        }
        return Results.Json(Formats(id, (Cdn.Add("progressive.mp4", MediaPath), "18", 360)), ContractJson.Options);
    }

    /// <summary>Follows a job just created (its token in hand) until it ends; the answer keeps the token.</summary>
    public Task<DownloadJob> WaitForDownloadAsync(DownloadJob job) => DownloadJobs.FollowAsync(Client, job);

    /// <summary>A DASH video's two files: video-only 360p (itag 134) and audio (140), with their index ranges.</summary>
    private static VideoFormat[] DashFiles(Uri video, Uri audio, (string Init, string Index) videoRanges, (string Init, string Index) audioRanges) =>
    [
        new VideoFormat
        {
            FormatId = "134", Url = video.ToString(), Ext = "mp4", MimeType = "video/mp4; codecs=\"avc1.42C01E\"", Vcodec = "avc1.42C01E",
            Width = 640, Height = 360, Fps = 25, Bitrate = 250_000, HasVideo = true, InitRange = videoRanges.Init, IndexRange = videoRanges.Index,
        },
        new VideoFormat
        {
            FormatId = "140", Url = audio.ToString(), Ext = "m4a", MimeType = "audio/mp4; codecs=\"mp4a.40.2\"", Acodec = "mp4a.40.2",
            AudioSampleRate = 44100, AudioChannels = 1, Bitrate = 96_000, HasAudio = true, InitRange = audioRanges.Init, IndexRange = audioRanges.Index,
        },
    ];

    private static FormatList Formats(string id, params (Uri Url, string Itag, int Height)[] formats) => new()
    {
        VideoId = id,
        Platform = "youtube",
        Title = "Test video",
        Duration = 6,
        ExpiresAt = DateTimeOffset.UtcNow.AddHours(6),
        Formats = formats.Select(f => new VideoFormat
        {
            FormatId = f.Itag,
            Url = f.Url.ToString(),
            Ext = "mp4",
            MimeType = "video/mp4",
            Vcodec = "avc1.42001E",
            Acodec = f.Itag == "137" ? "none" : "mp4a.40.2",
            Height = f.Height,
            Width = f.Height * 16 / 9,
            Fps = 25,
            HasVideo = true,
            HasAudio = f.Itag != "137",
        }).ToList(),
    };

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await Cdn.DisposeAsync();
        await Metadata.DisposeAsync();
        if (Directory.Exists(Downloads))
        {
            Directory.Delete(Downloads, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class StreamingCollection : ICollectionFixture<StreamingFixture>
{
    public const string Name = "streaming";
}
