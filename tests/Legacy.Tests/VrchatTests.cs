using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VideoPlatform.Legacy.Tests;

public sealed class VrchatTests(LegacyFixture legacy) : IClassFixture<LegacyFixture>
{
    [Fact]
    public async Task A_player_gets_a_302_to_the_cdn_with_the_unencoded_url_understood()
    {
        using var client = legacy.CreateClient("NSPlayer/12.00.19041.1320 WMFSDK/12.00.19041.1320");

        using var response = await client.GetAsync("/api/vrchat/stream?url=https://youtu.be/dQw4w9WgXcQ?t=10&quality=480p");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(LegacyFixture.CdnUrl, response.Headers.Location?.ToString());
        Assert.Contains(legacy.MetadataCalls, c => c.StartsWith("GET /api/v2/resolve?url=https%3A%2F%2Fyoutu.be%2FdQw4w9WgXcQ%3Ft%3D10", StringComparison.Ordinal));
        Assert.Contains(legacy.StreamingCalls, c => c.StartsWith("GET /api/v2/stream/direct/youtube/dQw4w9WgXcQ", StringComparison.Ordinal)
                                                   && c.Contains("quality=480p") && c.Contains("player=avpro"));
    }

    [Fact]
    public async Task Without_a_quality_players_get_720p_and_unity_is_recognised()
    {
        using var client = legacy.CreateClient("UnityPlayer/2022.3.22f1 (UnityWebRequest/1.0, libcurl/8.5.0-DEV)");

        using var response = await client.GetAsync("/api/vrchat/stream?url=https://www.youtube.com/watch?v=dQw4w9WgXcQ");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(legacy.StreamingCalls, c => c.Contains("quality=720p") && c.Contains("player=unity"));
    }

    [Fact]
    public async Task Content_needing_headers_is_sent_to_the_streaming_proxy()
    {
        using var client = legacy.CreateClient();

        using var response = await client.GetAsync("/api/vrchat/stream?url=https://www.bilibili.com/video/BV1xx411c7mD");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://streaming.example:5102/api/v2/stream/proxy/bilibili/BV1xx411c7mD?quality=720p", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task A_dead_video_is_a_short_403_so_players_stop_retrying()
    {
        using var client = legacy.CreateClient();

        using var response = await client.GetAsync("/api/vrchat/stream?url=https://youtu.be/removed");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("Video unavailable", text);
        Assert.DoesNotContain("\n", text.TrimEnd());
    }

    [Theory]
    [InlineData("/api/vrchat/stream", HttpStatusCode.BadRequest)]
    [InlineData("/api/vrchat/stream?url=https://vimeo.com/1", HttpStatusCode.BadRequest)]
    public async Task Bad_urls_are_a_short_400(string path, HttpStatusCode status)
    {
        using var client = legacy.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Json_format_answers_the_seed_fields()
    {
        using var client = legacy.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>("/api/vrchat/stream?url=https://youtu.be/dQw4w9WgXcQ&format=json&player=avpro");

        foreach (var field in new[] { "platform", "video_id", "stream_url", "quality", "player_type", "vrchat_optimized", "unity_optimized", "success", "notes", "codec_info" })
        {
            Assert.True(body.TryGetProperty(field, out _), $"missing {field}");
        }
        Assert.Equal("avpro", body.GetProperty("player_type").GetString());
        Assert.True(body.GetProperty("codec_info").GetProperty("avpro_compatible").GetBoolean());
    }

    [Fact]
    public async Task The_v1_contract_still_redirects()
    {
        using var client = legacy.CreateClient();

        using var response = await client.GetAsync("/api/v1/?yt=https://www.youtube.com/watch?v=dQw4w9WgXcQ");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(LegacyFixture.CdnUrl, response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Download_redirects_to_the_proxy_with_a_vrchat_safe_name()
    {
        using var client = legacy.CreateClient();

        using var response = await client.GetAsync("/api/vrchat/download?url=https://youtu.be/dQw4w9WgXcQ");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("http://streaming.example:5102/api/v2/stream/proxy/youtube/dQw4w9WgXcQ?", location);
        Assert.Contains("download=true", location);
        Assert.Contains("filename=Ricks_Best_Cafe.mp4", location);
    }

    [Fact]
    public async Task Info_gives_compatibility_advice()
    {
        using var client = legacy.CreateClient();

        var info = await client.GetFromJsonAsync<JsonElement>("/api/vrchat/info?url=https://youtu.be/dQw4w9WgXcQ&player=avpro");

        Assert.Equal("720p", info.GetProperty("recommended_quality").GetString());
        Assert.True(info.GetProperty("vrchat_compatible").GetBoolean());
        Assert.Contains(info.GetProperty("compatibility_notes").EnumerateArray(), n => n.GetString()!.Contains("quotes"));
        Assert.Equal("Rick's \"Best\" Café", info.GetProperty("info").GetProperty("title").GetString());
        Assert.Contains("/api/vrchat/stream?url=", info.GetProperty("vrchat_endpoints").GetProperty("stream").GetString());
    }
}
