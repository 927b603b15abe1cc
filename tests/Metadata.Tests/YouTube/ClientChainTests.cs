using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>
/// The default client chain against recorded VISIONOS answers: the 2026 identity with its visitor
/// data, no client whose media are refused without a PO token, and a made-for-kids refusal answered
/// by the next client able to serve the video.
/// </summary>
public sealed class ClientChainTests : MetadataOverFakeYouTube
{
    private static readonly string Fixtures = FixtureFiles.PathOf("YouTube");

    [Fact]
    public async Task Visionos_is_asked_as_its_2026_identity_with_the_visitor_data_of_visitor_id()
    {
        using var response = await Client.GetAsync("/api/v2/videos/youtube/M4gD1WSo5mA/formats");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var visionos = Assert.Single(YouTube.PlayerRequests, r => r.ClientName == "VISIONOS");
        Assert.Equal(("1.04", "RealityDevice17,1", "26.6.0.23O770"), (visionos.ClientVersion, visionos.DeviceModel, visionos.OsVersion));
        var recorded = RecordedVisitorData();
        Assert.Equal(recorded, visionos.ContextVisitorData);
        Assert.Equal(recorded, visionos.VisitorIdHeader);
        Assert.Equal(["VISIONOS"], YouTube.VisitorIdCalls);
    }

    [Fact]
    public async Task Visitor_data_is_asked_for_once_across_videos_and_concurrent_requests()
    {
        var responses = await Task.WhenAll(
            ((string[])["M4gD1WSo5mA", "X4VbdwhkE10", "M4gD1WSo5mA", "X4VbdwhkE10"]).Select(id => Client.GetAsync($"/api/v2/videos/youtube/{id}/formats")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(YouTube.VisitorIdCalls);
        Assert.All(YouTube.PlayerRequests.Where(r => r.ClientName == "VISIONOS"), r => Assert.Equal(RecordedVisitorData(), r.VisitorIdHeader));
    }

    [Fact]
    public async Task Without_visitor_data_the_player_is_still_asked()
    {
        YouTube.FailVisitorId = true;

        var formats = await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/M4gD1WSo5mA/formats", ContractJson.Options);

        Assert.NotEmpty(formats!.Formats);
        var visionos = Assert.Single(YouTube.PlayerRequests, r => r.ClientName == "VISIONOS");
        Assert.Null(visionos.ContextVisitorData);
        Assert.Null(visionos.VisitorIdHeader);
    }

    [Fact]
    public async Task Without_a_po_token_no_url_of_a_token_bound_client_is_handed_out()
    {
        var formats = await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/M4gD1WSo5mA/formats", ContractJson.Options);

        // The recorded answer's eight adaptive formats, and its HLS master; not the reel client's
        // itag 18, refused without a token, and no ANDROID_VR, refused for everything.
        Assert.Equal(["137", "136", "134", "243", "160", "139", "140", "251"], RecordedItags("VISIONOS-M4gD1WSo5mA.json"));
        Assert.Equal(RecordedItags("VISIONOS-M4gD1WSo5mA.json").Order(), formats!.Formats.Select(f => f.FormatId).Order());
        Assert.All(formats.Formats, f => Assert.Contains("&c=VISIONOS&", f.Url));
        Assert.DoesNotContain(formats.Formats, f => f.HasVideo && f.HasAudio);
        Assert.StartsWith("https://manifest.googlevideo.com/api/manifest/hls_variant/", formats.HlsManifestUrl);
        Assert.Equal(["VISIONOS"], YouTube.PlayerRequests.Select(r => r.ClientName));
    }

    [Fact]
    public async Task A_format_has_the_bitrate_youtube_reports_for_it()
    {
        var formats = await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/M4gD1WSo5mA/formats", ContractJson.Options);

        // The recording says "bitrate":1500751 and "averageBitrate":527948 for itag 137.
        var avc1080 = formats!.Formats.Single(f => f.FormatId == "137");
        Assert.Equal((1500751L, 47560151L, 1920, 1080), (avc1080.Bitrate!.Value, avc1080.Filesize!.Value, avc1080.Width!.Value, avc1080.Height!.Value));
    }

    [Fact]
    public async Task A_made_for_kids_video_refused_by_visionos_is_answered_by_the_tv_client()
    {
        var info = await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/youtube/it3OtbTxQk0", ContractJson.Options);

        Assert.Equal("Introduction to Doodle for Google 2023", info!.Title);
        Assert.Equal(["18", "136", "140"], info.Formats.Select(f => f.FormatId));
        // TV URLs carry an n challenge: handed out only once the player transformed it.
        Assert.All(info.Formats, f => Assert.Contains("&c=TVHTML5&", f.Url));
        Assert.All(info.Formats, f => Assert.DoesNotContain("n=hMp3kQ2yZt9VxL&", f.Url));
        Assert.Equal(["VISIONOS", "TVHTML5"], YouTube.PlayerRequests.Select(r => r.ClientName));
        Assert.NotNull(YouTube.SignatureTimestamps.Single(s => s.Client == "TVHTML5").SignatureTimestamp);
    }

    [Fact]
    public async Task A_video_every_client_refuses_is_unavailable_once_each_was_asked()
    {
        await AssertProblemAsync("/api/v2/videos/youtube/removedVid1", HttpStatusCode.NotFound, ErrorCodes.VideoUnavailable);

        Assert.Equal(["VISIONOS", "TVHTML5", "WEB_EMBEDDED_PLAYER"], YouTube.PlayerRequests.Select(r => r.ClientName));
    }

    [Theory]
    [InlineData("8VajtrESJzA", HttpStatusCode.Forbidden, ErrorCodes.VideoPrivate)]
    [InlineData("ayI2iBwGdxw", HttpStatusCode.Forbidden, ErrorCodes.MembersOnly)]
    [InlineData("_PL2HJKxnOM", (HttpStatusCode)451, ErrorCodes.GeoRestricted)]
    [InlineData("sMJ8bRN2dak", HttpStatusCode.PaymentRequired, ErrorCodes.PaymentRequired)]
    public async Task What_is_true_of_the_video_itself_is_answered_at_the_first_refusal(string videoId, HttpStatusCode status, string code)
    {
        // Recorded 2026 refusals: "This video is private", members of a level, not in this
        // country, Music Premium.
        await AssertProblemAsync($"/api/v2/videos/youtube/{videoId}", status, code);

        Assert.Equal(["VISIONOS"], YouTube.PlayerRequests.Select(r => r.ClientName));
    }

    [Fact]
    public async Task A_live_streams_adaptive_segments_are_not_offered_as_files_but_its_hls_is()
    {
        var formats = await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/X4VbdwhkE10/formats", ContractJson.Options);

        // All fourteen recorded formats are live segments (targetDurationSec): none is a file.
        Assert.Equal(14, RecordedItags("VISIONOS-X4VbdwhkE10.json").Count);
        Assert.True(formats!.IsLive);
        Assert.Empty(formats.Formats);
        Assert.EndsWith("/file/index.m3u8", formats.HlsManifestUrl);
    }

    private static string RecordedVisitorData()
    {
        using var recorded = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "visitor_id.json")));
        return recorded.RootElement.GetProperty("responseContext").GetProperty("visitorData").GetString()!;
    }

    private static List<string> RecordedItags(string fixture)
    {
        using var recorded = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, fixture)));
        return recorded.RootElement.GetProperty("streamingData").GetProperty("adaptiveFormats").EnumerateArray()
            .Select(f => f.GetProperty("itag").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }
}
