using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Streaming.Proxy;
using VideoPlatform.TestSupport;
using VideoPlatform.TestSupport.Media;

namespace VideoPlatform.Streaming.Tests.Platforms;

/// <summary>
/// The streaming service with its shipped configuration (no allow-list of the test's own), a fake
/// metadata service handing out Twitch, X and Instagram formats on those platforms' real CDN host
/// names, and <see cref="FakePlatformCdn"/> answering under those names with real media. So a stream
/// plays only if the default <c>Streaming:AllowedMediaHosts</c> lets the service reach that CDN.
/// </summary>
public sealed class PlatformCdnFixture : IAsyncLifetime
{
    public const string TwitchVod = "2000000001";
    public const string TwitchClip = "AwkwardHelplessSalamanderSwiftRage-x1Y2z3";
    public const string Tweet = "1700000000000000001";
    public const string Reel = "C0dEfGhIjKl";
    /// <summary>A format on a CloudFront distribution that is not Twitch's, so not on the list.</summary>
    public const string Elsewhere = "elsewhere001";

    private WebApplicationFactory<Program> _factory = null!;

    public FakePlatformCdn Cdn { get; private set; } = null!;
    public FakeMetadata Metadata { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var mp4 = await MediaFiles.ProgressiveMp4Async();
        var hls = await MediaFiles.HlsAsync();
        var media = await File.ReadAllTextAsync(Path.Combine(hls, "media.m3u8"));
        var segments = Directory.GetFiles(hls, "seg*.ts").Order().ToList();
        Cdn = await FakePlatformCdn.StartAsync();

        // Twitch VOD: the master from usher names its renditions on a CloudFront distribution of
        // Twitch's, each a playlist of segments beside it.
        var usher = new Uri($"https://usher.ttvnw.net/vod/{TwitchVod}.m3u8?allow_source=true&sig=0a1b2c&token=%7B%22vod_id%22%3A{TwitchVod}%7D");
        var vod = new Uri("https://d2nvs31859zcd8.cloudfront.net/4f1ae2c0f4b1b1e0c1d2_somechannel_40000000001_1700000000/chunked/");
        var rendition = new Uri(vod, "index-dvr.m3u8");
        Cdn.AddText(usher,
            "#EXTM3U\n#EXT-X-TWITCH-INFO:ORIGIN=\"s3\",B=\"false\",REGION=\"EU\"\n"
            + "#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"chunked\",NAME=\"360p25 (source)\",AUTOSELECT=YES,DEFAULT=YES\n"
            + $"#EXT-X-STREAM-INF:BANDWIDTH=900000,CODECS=\"avc1.42c01e,mp4a.40.2\",RESOLUTION=640x360,VIDEO=\"chunked\",FRAME-RATE=25.000\n{rendition}\n");
        Cdn.AddText(rendition, media);
        segments.ForEach(s => Cdn.Add(new Uri(vod, Path.GetFileName(s)), s, "video/mp2t"));

        // Twitch clip: a progressive MP4 whose URL carries its playback token, without which the host says 403.
        var clip = new Uri($"https://production.assets.clips.twitchcdn.net/v2/media/{TwitchClip}/a1b2c3d4/video-360.mp4?sig=5e6f&token=%7B%22clip_uri%22%3A%22%22%7D");
        Cdn.Add(clip, mp4, "video/mp4");
        Cdn.Require(clip.Host, request => request.Query.ContainsKey("sig") && request.Query.ContainsKey("token"), "clip URL without its playback token");

        // X: an MP4 rendition, and the HLS master whose URIs are root-relative, as video.twimg.com writes them.
        var tweetMp4 = Cdn.Add(new Uri($"https://video.twimg.com/ext_tw_video/{Tweet}/pu/vid/avc1/640x360/Ab1Cd2Ef3Gh4.mp4?tag=12"), mp4, "video/mp4");
        var tweetMaster = new Uri($"https://video.twimg.com/ext_tw_video/{Tweet}/pu/pl/Ab1Cd2Ef3Gh4.m3u8?tag=12&v=1a2");
        var tweetVariant = $"/ext_tw_video/{Tweet}/pu/pl/avc1/640x360/Xy9Zx8Wv7.m3u8";
        var tweetSegments = $"/ext_tw_video/{Tweet}/pu/vid/avc1/0/3000/640x360/";
        Cdn.AddText(tweetMaster, $"#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=900000,BANDWIDTH=900000,RESOLUTION=640x360,CODECS=\"mp4a.40.2,avc1.42c01e\"\n{tweetVariant}\n");
        Cdn.AddText(new Uri(tweetMaster, tweetVariant), string.Join('\n', media.Split('\n').Select(l => l.StartsWith("seg", StringComparison.Ordinal) ? tweetSegments + l : l)));
        segments.ForEach(s => Cdn.Add(new Uri(tweetMaster, tweetSegments + Path.GetFileName(s)), s, "video/mp2t"));

        // Instagram: a reel's MP4 on a regional cdninstagram.com host, signed in its query.
        var reel = Cdn.Add(new Uri("https://scontent-fra5-1.cdninstagram.com/o1/v/t16/f2/m86/AQO1a2b3c4d5e6.mp4?efg=eyJ2ZW5jb2RlX3RhZyI6InhwdiJ9&_nc_ht=scontent-fra5-1.cdninstagram.com&oh=00_AfA1&oe=6B2A8C00"), mp4, "video/mp4");

        var elsewhere = Cdn.Add(new Uri("https://d111111abcdef8.cloudfront.net/media.mp4"), mp4, "video/mp4");

        Metadata = await FakeMetadata.StartAsync((platform, id) => (platform, id) switch
        {
            ("twitch", TwitchVod) => Results.Json(Formats(platform, id, new Uri(rendition.ToString()), "hls") with { HlsManifestUrl = usher.ToString() }, ContractJson.Options),
            ("twitch", TwitchClip) => Results.Json(Formats(platform, id, clip, "https"), ContractJson.Options),
            ("twitter", Tweet) => Results.Json(Formats(platform, id, tweetMp4, "https") with { HlsManifestUrl = tweetMaster.ToString() }, ContractJson.Options),
            ("instagram", Reel) => Results.Json(Formats(platform, id, reel, "https"), ContractJson.Options),
            ("instagram", Elsewhere) => Results.Json(Formats(platform, id, elsewhere, "https"), ContractJson.Options),
            _ => null,
        });

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("services:metadata:http:0", Metadata.Address.ToString())
            .ConfigureTestServices(services => services.AddHttpClient(MediaProxy.ClientName).ConfigurePrimaryHttpMessageHandler(Cdn.CreateHandler)));
        // Real Kestrel, so that ffprobe can read from the service.
        Address = _factory.StartOnLoopback();
        Client = new HttpClient { BaseAddress = Address };
    }

    /// <summary>One H.264/AAC 360p format at <paramref name="url"/>, with no headers: none of these CDNs asks for any.</summary>
    private static FormatList Formats(string platform, string id, Uri url, string protocol) => new()
    {
        VideoId = id,
        Platform = platform,
        Title = $"A {platform} video",
        Duration = 6,
        ExpiresAt = DateTimeOffset.UtcNow.AddHours(6),
        Formats =
        [
            new VideoFormat
            {
                FormatId = protocol == "hls" ? "360p25" : "360p",
                Url = url.ToString(),
                Ext = "mp4",
                MimeType = protocol == "hls" ? "application/x-mpegURL" : "video/mp4",
                Protocol = protocol,
                Vcodec = "avc1.42c01e",
                Acodec = "mp4a.40.2",
                Width = 640,
                Height = 360,
                Fps = 25,
                HasVideo = true,
                HasAudio = true,
            },
        ],
    };

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await Metadata.DisposeAsync();
        await Cdn.DisposeAsync();
    }
}
