using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Downloads;
using VideoPlatform.TestSupport;
using VideoPlatform.TestSupport.Media;

namespace VideoPlatform.Streaming.Tests.Hostile;

/// <summary>
/// Streaming in front of upstreams that attack it, all on loopback: a metadata service passing on
/// whatever format URLs a platform gave (<see cref="Formats"/>, filled by each test), a hostile CDN
/// answering redirects inward, playlists where media was expected, active content types, playlists
/// of millions of entries, and a raw server answering HTTP that no real server would. An
/// <see cref="Inside"/> server stands for what the service can reach and nobody may make it reach:
/// it is on loopback like the rest (no traffic ever leaves the machine), on a port not on the
/// allow-list, and every test asserts it was never asked anything. Private addresses are allowed
/// here (every fake is on loopback); the allow-list names each fake's port, which is what keeps
/// <see cref="Inside"/> out. The service runs on real Kestrel so that ffmpeg can run downloads.
/// </summary>
public sealed class HostileUpstreams : IAsyncLifetime
{
    /// <summary>Entries of the playlist of tiny lines: 4 MiB of them, each of which would grow by a token.</summary>
    public const int TinyEntries = 2 * 1024 * 1024 - 8;

    /// <summary>4 MiB of one-byte entries, made once (the fake CDN's own allocations stay out of the memory figures).</summary>
    private static readonly byte[] TinyPlaylist = Encoding.ASCII.GetBytes("#EXTM3U\n" + new StringBuilder(TinyEntries * 2).Insert(0, "a\n", TinyEntries));

    public LoopbackServer Inside { get; private set; } = null!;
    public LoopbackServer Cdn { get; private set; } = null!;
    public FakeCdn Media { get; private set; } = null!;
    public RawHttpServer Raw { get; private set; } = null!;
    public FakeMetadata Metadata { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The formats metadata answers for a video id; tests add their own.</summary>
    public ConcurrentDictionary<string, FormatList> Formats { get; } = new();

    /// <summary>Where the good HLS rendition's master playlist is.</summary>
    public Uri GoodHls { get; private set; } = null!;

    /// <summary>The real progressive file on the media CDN.</summary>
    public Uri GoodMp4 { get; private set; } = null!;

    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        Inside = await LoopbackServer.StartAsync(routes => routes.Map("/{**path}", () => Results.Text("internal secret")));
        Media = await FakeCdn.StartAsync();
        GoodMp4 = Media.Add("good.mp4", await MediaFiles.ProgressiveMp4Async());
        GoodHls = Media.AddHls(await MediaFiles.HlsAsync());
        var inside = Inside.Address.ToString().TrimEnd('/');
        var playlistOfInside = $"#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-KEY:METHOD=AES-128,URI=\"{inside}/key\"\n#EXTINF:2,\n{inside}/seg0.ts\n#EXT-X-ENDLIST\n";
        Cdn = await LoopbackServer.StartAsync(routes =>
        {
            routes.MapGet("/redirect/inside", () => Results.Redirect($"{inside}/secret"));
            routes.MapGet("/redirect/localhost", () => Results.Redirect($"http://localhost:{Inside.Address.Port}/secret"));
            routes.MapGet("/redirect/metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
            routes.MapGet("/redirect/file", () => Results.Redirect("file:///etc/passwd"));
            routes.MapGet("/playlist-as.mp4", () => Results.Text(playlistOfInside, "video/mp4"));
            routes.MapGet("/playlist-typed.mp4", () => Results.Text(playlistOfInside, "application/vnd.apple.mpegurl"));
            routes.MapGet("/playlist-trickled.mp4", TrickledPlaylistAsync);
            routes.MapGet("/html.mp4", () => Results.Text("<html><script>document.cookie</script></html>", "text/html"));
            routes.MapGet("/svg.mp4", () => Results.Text("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "image/svg+xml"));
            routes.MapGet("/hls/inside.m3u8", () => Results.Text(playlistOfInside, "application/vnd.apple.mpegurl"));
            routes.MapGet("/hls/tiny.m3u8", () => Results.Bytes(TinyPlaylist, "application/vnd.apple.mpegurl"));
            routes.MapGet("/hls/long-entry.m3u8", () => Results.Text($"#EXTM3U\n#EXTINF:2,\n{new string('a', 8000)}.ts\n", "application/vnd.apple.mpegurl"));
            routes.MapGet("/hls/deep/{**rest}", () => Results.Text(new StringBuilder("#EXTM3U\n").Insert(8, "#EXTINF:2,\na.ts\n", 20_000).ToString(),
                "application/vnd.apple.mpegurl"));
            routes.MapGet("/hls/not-a-playlist.m3u8", () => Results.Text("<html>nope</html>", "text/html"));
            routes.MapGet("/hls/bad-references.m3u8", () => Results.Text("#EXTM3U\n#EXTINF:2,\nhttp://[::1\n#EXT-X-MAP:URI=\"http://a b\"\n", "application/vnd.apple.mpegurl"));
        });
        Raw = RawHttpServer.Start(RawAnswer);

        Metadata = await FakeMetadata.StartAsync((_, id) => Formats.TryGetValue(id, out var formats) ? FakeMetadata.Json(formats) : null);

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("services:metadata:http:0", Metadata.Address.ToString())
            .UseSetting("Streaming:AllowedMediaHosts:0", Cdn.Address.Authority)
            .UseSetting("Streaming:AllowedMediaHosts:1", Media.Address.Authority)
            .UseSetting("Streaming:AllowedMediaHosts:2", Raw.Address.Authority)
            .UseSetting("Streaming:AllowPrivateAddresses", "true")
            .UseSetting("Streaming:UpstreamChunkBytes", "0")
            .UseSetting("Downloads:Directory", Path.Combine(Path.GetTempPath(), $"hostile-downloads-{Guid.NewGuid():N}")));
        Address = _factory.StartOnLoopback();
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address };
    }

    /// <summary>A video whose one progressive format is at <paramref name="url"/>; returns its id.</summary>
    public string Video(string url, string protocol = "https", IReadOnlyDictionary<string, string>? headers = null)
    {
        var id = "h" + Guid.NewGuid().ToString("N")[..10];
        Formats[id] = ProgressiveVideo.Formats(id, url, "Hostile", protocol, headers);
        return id;
    }

    /// <summary>A live video whose only playable URL is the HLS playlist at <paramref name="master"/>; returns its id.</summary>
    public string Live(string master)
    {
        var id = "l" + Guid.NewGuid().ToString("N")[..10];
        Formats[id] = new FormatList { VideoId = id, Platform = "youtube", IsLive = true, HlsManifestUrl = master, ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) };
        return id;
    }

    public Uri OnCdn(string path) => new(Cdn.Address, path);

    public Uri OnRaw(string path) => new(Raw.Address, path);

    /// <summary>Starts a download of <paramref name="videoId"/> and follows it until it is neither queued nor running.</summary>
    public async Task<DownloadJob> DownloadAsync(string videoId)
    {
        using var started = await Client.PostAsJsonAsync("/api/v2/downloads", new DownloadRequest($"https://youtu.be/{videoId}", null, null, null, null), ContractJson.Options);
        return await DownloadJobs.FollowAsync(Client, (await started.Content.ReadFromJsonAsync<DownloadJob>(ContractJson.Options))!);
    }

    /// <summary>Raw answers by path: HTTP a real server would not send.</summary>
    private static string RawAnswer(string requestLine) => requestLine.Split(' ')[1] switch
    {
        "/length-letters.mp4" => "HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: abc\r\nConnection: close\r\n\r\nxxxx",
        "/length-negative.mp4" => "HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: -5\r\nConnection: close\r\n\r\nxxxx",
        "/length-twice.mp4" => "HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: 4\r\nContent-Length: 400\r\nConnection: close\r\n\r\nxxxx",
        "/length-short.mp4" => "HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: 100000\r\nConnection: close\r\n\r\nxxxxxxxxxxxxxxxxxxxx",
        "/range-garbage.mp4" => "HTTP/1.1 206 Partial Content\r\nContent-Type: video/mp4\r\nContent-Range: bytes zz-1/\r\nContent-Length: 4\r\nConnection: close\r\n\r\nxxxx",
        "/type-garbage.mp4" => "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\tfolded; charset=\"x\r\nContent-Length: 4\r\nConnection: close\r\n\r\nxxxx",
        "/header-bytes.mp4" => "HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nETag: \"\u00ff\u00fe\"\r\nLast-Modified: yesterday\r\nContent-Length: 4\r\nConnection: close\r\n\r\nxxxx",
        _ => "HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    };

    /// <summary>A playlist sent a byte at a time, so its first read is "#", not "#EXTM3U".</summary>
    private async Task TrickledPlaylistAsync(HttpContext context)
    {
        context.Response.ContentType = "video/mp4";
        foreach (var b in Encoding.ASCII.GetBytes($"#EXTM3U\n#EXTINF:2,\n{Inside.Address}seg.ts\n"))
        {
            await context.Response.Body.WriteAsync(new[] { b }, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await Raw.DisposeAsync();
        await Cdn.DisposeAsync();
        await Media.DisposeAsync();
        await Metadata.DisposeAsync();
        await Inside.DisposeAsync();
    }
}

/// <summary>
/// Run alone: its tests measure the process's memory around their requests, which other tests
/// running at the same time would add to.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileCollection : ICollectionFixture<HostileUpstreams>
{
    public const string Name = "hostile upstreams";
}
