using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Legacy.Tests.Fakes;

namespace VideoPlatform.Legacy.Tests;

public sealed class VrchatApiTests(LegacyFixture fixture) : IClassFixture<LegacyFixture>
{
    private const string ShortUrl = "https://www.youtube.com/watch?v=" + FakeVideos.Short;

    [Fact]
    public async Task Stream_redirects_a_player_to_the_cdn_at_720p_by_default()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/api/vrchat/stream?url={ShortUrl}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(LegacyFixture.CdnBase + "/videoplayback?id=" + FakeVideos.Short, response.Headers.Location!.ToString());
        Assert.Contains("quality=720p", LastDirect());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Stream_answers_a_head_probe_with_the_same_redirect()
    {
        using var client = fixture.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/vrchat/stream?url={ShortUrl}"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(LegacyFixture.CdnBase, response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Stream_reads_an_unencoded_url_with_its_own_query_and_keeps_the_legacy_quality()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/api/vrchat/stream?url=https://youtu.be/{FakeVideos.Short}?t=10&quality=480p");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var resolve = Uri.UnescapeDataString(fixture.Metadata.PathsAsked.Last(r => r.StartsWith("/api/v2/resolve", StringComparison.Ordinal)));
        Assert.EndsWith($"url=https://youtu.be/{FakeVideos.Short}?t=10", resolve);
        Assert.Contains("quality=480p", LastDirect());
    }

    [Fact]
    public async Task Stream_keeps_an_unencoded_ampersand_of_the_target_url_inside_the_url()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/api/vrchat/stream?url={ShortUrl}&t=30&player=unity");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var resolve = Uri.UnescapeDataString(fixture.Metadata.PathsAsked.Last(r => r.StartsWith("/api/v2/resolve", StringComparison.Ordinal)));
        Assert.EndsWith($"url={ShortUrl}&t=30", resolve);
        Assert.Contains("player=unity", LastDirect());
    }

    [Fact]
    public async Task Stream_accepts_a_properly_encoded_url_too()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/api/vrchat/stream?url={Uri.EscapeDataString(ShortUrl + "&t=30")}&quality=360p");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("quality=360p", LastDirect());
    }

    [Theory]
    [InlineData("NSPlayer/12.00.19041.1320 WMFSDK/12.00.19041.1320", "avpro")]
    [InlineData("AVProMobileVideo/2.0.0 (Linux;Android 10) ExoPlayerLib/2.11.8", "avpro")]
    [InlineData("UnityPlayer/2022.3.22f1 (UnityWebRequest/1.0, libcurl/8.5.0-DEV)", "unity")]
    [InlineData("stagefright/1.2 (Linux;Android 12)", "unity")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64)", "auto")]
    public async Task Stream_tells_the_player_from_its_user_agent_when_player_is_absent(string userAgent, string expected)
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/vrchat/stream?url={ShortUrl}");
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains($"player={expected}", LastDirect());
    }

    [Fact]
    public async Task Stream_sends_a_video_whose_cdn_needs_headers_to_streamings_proxy()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/api/vrchat/stream?url=https://www.bilibili.com/video/{FakeVideos.Bilibili}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"{fixture.Streaming.Origin}/api/v2/stream/proxy/bilibili/{FakeVideos.Bilibili}", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("avpro", "/api/v2/stream/hls/youtube/" + FakeVideos.Live)]
    [InlineData("unity", "/api/v2/stream/proxy/youtube/" + FakeVideos.Live)]
    public async Task Stream_gives_avpro_hls_and_unity_the_proxy_for_a_live_video(string player, string expectedPath)
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/api/vrchat/stream?url=https://youtu.be/{FakeVideos.Live}&player={player}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(fixture.Streaming.Origin + expectedPath, response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Stream_answers_a_dead_video_with_403_in_plain_text_so_players_stop_retrying()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/api/vrchat/stream?url=https://youtu.be/{FakeVideos.Dead}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("unavailable", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_dead_video_is_remembered_so_player_retries_do_not_reach_streaming_again()
    {
        using var client = fixture.CreateClient();
        var url = $"/api/vrchat/stream?url=https://www.youtube.com/shorts/{FakeVideos.Dead}";
        using var first = await client.GetAsync(url);
        var asked = fixture.Streaming.PathsAsked.Count(r => r.Contains(FakeVideos.Dead, StringComparison.Ordinal));

        using var retry = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, retry.StatusCode);
        Assert.Equal("text/plain", retry.Content.Headers.ContentType?.MediaType);
        Assert.Equal(asked, fixture.Streaming.PathsAsked.Count(r => r.Contains(FakeVideos.Dead, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Stream_answers_a_missing_or_unsupported_url_with_400_in_plain_text()
    {
        using var client = fixture.CreateClient();

        using var missing = await client.GetAsync("/api/vrchat/stream");
        using var unsupported = await client.GetAsync("/api/vrchat/stream?url=https://example.com/video");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("text/plain", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
        Assert.Equal("text/plain", unsupported.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Stream_with_format_json_answers_the_seed_fields()
    {
        using var client = fixture.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/vrchat/stream?url={ShortUrl}&format=json&player=avpro&quality=best");

        Assert.Equal("youtube", body.GetProperty("platform").GetString());
        Assert.Equal(FakeVideos.Short, body.GetProperty("video_id").GetString());
        Assert.StartsWith(LegacyFixture.CdnBase, body.GetProperty("stream_url").GetString());
        Assert.Equal("720p", body.GetProperty("quality").GetString());
        Assert.Equal("avpro", body.GetProperty("player_type").GetString());
        Assert.True(body.GetProperty("vrchat_optimized").GetBoolean());
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.True(body.GetProperty("codec_info").GetProperty("avpro_compatible").GetBoolean());
        // What streaming chose, passed on: a progressive file here.
        Assert.Equal("progressive", body.GetProperty("delivery").GetString());
    }

    [Fact]
    public async Task Stream_with_format_proxy_redirects_to_streamings_proxy()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/api/vrchat/stream?url={ShortUrl}&format=proxy&quality=480p&player=unity");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{fixture.Streaming.Origin}/api/v2/stream/proxy/youtube/{FakeVideos.Short}?quality=480p&player=unity",
            response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Download_redirects_to_the_proxy_with_a_vrchat_safe_filename()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/api/vrchat/download?url=https://youtu.be/{FakeVideos.Long}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith($"{fixture.Streaming.Origin}/api/v2/stream/proxy/youtube/{FakeVideos.Long}?quality=720p", location);
        Assert.Contains("download=true&filename=Ricks_Long_Emission.mp4", location);
    }

    [Fact]
    public async Task Info_recommends_a_lower_quality_and_warns_for_a_long_video_on_avpro()
    {
        using var client = fixture.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/vrchat/info?url=https://youtu.be/{FakeVideos.Long}&player=avpro");

        Assert.Equal("360p", body.GetProperty("recommended_quality").GetString());
        Assert.Equal(2, body.GetProperty("performance_notes").GetArrayLength());
        Assert.Equal(FakeVideos.Long, body.GetProperty("info").GetProperty("id").GetString());
        Assert.Equal(4000, body.GetProperty("info").GetProperty("duration").GetDouble());
        Assert.Contains("quality=360p", body.GetProperty("vrchat_endpoints").GetProperty("stream").GetString());
        Assert.True(body.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Health_reports_the_seed_fields_and_healthy_dependencies()
    {
        using var client = fixture.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>("/api/vrchat/health");

        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("VRChat Video API", body.GetProperty("service").GetString());
        Assert.Equal(4, body.GetProperty("supported_qualities").GetArrayLength());
        Assert.Equal("Healthy", body.GetProperty("dependencies").GetProperty("metadata").GetProperty("status").GetString());
    }

    private string LastDirect() =>
        fixture.Streaming.PathsAsked.Last(r => r.StartsWith("/api/v2/stream/direct/", StringComparison.Ordinal));
}
