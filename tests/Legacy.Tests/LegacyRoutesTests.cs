using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VideoPlatform.Legacy.Tests.Fakes;

namespace VideoPlatform.Legacy.Tests;

/// <summary>Every legacy route answers with the seed's status and field names (seed-api.md §1).</summary>
public sealed class LegacyRoutesTests(LegacyFixture fixture) : IClassFixture<LegacyFixture>
{
    private const string Yt = "https://www.youtube.com/watch?v=" + FakeVideos.Short;
    private const string Cdn = LegacyFixture.CdnBase + "/videoplayback";

    /// <summary>
    /// method, path, JSON body (or null), expected status, and what the answer must carry:
    /// comma-separated top-level JSON fields, "location:&lt;prefix&gt;" (with {streaming} for
    /// streaming's address), "type:&lt;media type&gt;" or "body:&lt;text&gt;".
    /// </summary>
    public static TheoryData<string, string, string?, int, string> Routes => new()
    {
        // v1 and the simple API
        { "GET", $"/api/v1/?yt={Yt}", null, 302, $"location:{Cdn}" },
        { "GET", $"/api/v1?yt={Yt}", null, 302, $"location:{Cdn}" },
        { "GET", $"/api/stream?url={Yt}", null, 302, $"location:{Cdn}" },
        { "GET", $"/api/stream?url={Yt}&format=json&quality=480p", null, 200, "platform,video_id,stream_url,quality,success" },
        { "GET", $"/api/stream?url={Yt}&format=proxy", null, 302, "location:{streaming}/api/v2/stream/proxy/youtube/" + FakeVideos.Short },
        { "GET", $"/api/info?url={Yt}", null, 200, "platform,video_id,info,stream_available,success" },
        { "GET", $"/api/download?url={Yt}", null, 302, "location:{streaming}/api/v2/stream/proxy/youtube/" + FakeVideos.Short },
        { "GET", $"/api/formats?url={Yt}", null, 200, "platform,video_id,available_qualities,recommended_quality,video_info,success" },
        { "GET", $"/api/embed?url={Yt}", null, 302, $"location:/api/v2/stream/embed/youtube/{FakeVideos.Short}" },
        { "GET", "/api/platforms", null, 200, "supported_platforms,total_platforms,simple_endpoints,vrchat_endpoints,vrchat_features" },
        { "GET", "/api/health", null, 200, "status,timestamp,version,services" },
        { "GET", $"/api/vrchat/stream?url={Yt}", null, 302, $"location:{Cdn}" },
        { "GET", $"/api/vrchat/info?url={Yt}", null, 200, "platform,video_id,info,vrchat_compatible,unity_compatible,player_type,compatibility_notes,performance_notes,recommended_quality,codec_recommendations,vrchat_endpoints,success" },
        { "GET", $"/api/vrchat/download?url={Yt}", null, 302, "location:{streaming}/api/v2/stream/proxy/youtube/" + FakeVideos.Short },
        { "GET", "/api/vrchat/health", null, 200, "status,service,version,features,endpoints,supported_players,supported_qualities,notes" },
        // the Go API
        { "GET", "/", null, 200, "name,version,description,docs_url,health_url,endpoints,supported_platforms,timestamp" },
        { "GET", "/health", null, 200, "status" },
        { "GET", "/api/v2/system/health", null, 200, "status,timestamp,version,services,uptime,memory" },
        { "GET", $"/api/v2/videos/youtube/{FakeVideos.Short}", null, 200, "success,message,data,timestamp" },
        { "GET", "/api/v2/playlists/youtube/PLfake", null, 200, "success,message,data,timestamp" },
        { "GET", "/api/v2/stream/metrics", null, 200, "success,message,data,timestamp" },
        { "GET", $"/api/v2/stream/direct/youtube/{FakeVideos.Short}?quality=720p", null, 302, $"location:{Cdn}" },
        { "GET", $"/api/v2/stream/proxy/youtube/{FakeVideos.Short}?quality=720p", null, 200, "body:MP4!" },
        { "GET", $"/api/v2/stream/youtube/{FakeVideos.Short}?quality=720p", null, 302, $"location:{Cdn}" },
        { "GET", $"/api/v2/stream/youtube/{FakeVideos.Short}?mode=proxy", null, 200, "body:MP4!" },
        { "GET", $"/api/v2/stream/youtube/{FakeVideos.Short}?country=cn", null, 200, "body:MP4!" },
        { "GET", $"/api/v2/stream/bilibili/{FakeVideos.Bilibili}", null, 200, "body:MP4!" },
        { "GET", $"/api/v2/stream/https:/www.youtube.com/watch?v={FakeVideos.Short}&mode=direct", null, 302, $"location:{Cdn}" },
        { "GET", $"/api/v2/stream/embed/youtube/{FakeVideos.Short}", null, 200, "type:text/html" },
        // the Python v2 API
        { "POST", "/api/v2/videos/info", $$"""{"url":"{{Yt}}"}""", 200, "id,title,description,duration,uploader,upload_date,view_count,like_count,thumbnail,formats" },
        { "POST", "/api/v2/videos/stream", $$"""{"url":"{{Yt}}","quality":"highest"}""", 200, "stream_url,video_info,expires_at" },
        { "GET", $"/api/v2/videos/stream-proxy?url={Yt}", null, 200, "body:MP4!" },
        { "GET", $"/api/v2/videos/redirect?url={Yt}", null, 302, $"location:{Cdn}" },
        { "GET", $"/api/v2/videos/download/vrchat?url={Yt}", null, 302, "location:{streaming}/api/v2/stream/proxy/youtube/" + FakeVideos.Short },
        // Downloads drive streaming's real jobs: Downloads/LegacyDownloadTests, against the real streaming service.
        { "GET", "/api/v2/videos/tasks/not-a-task", null, 404, "code,detail" },
        { "DELETE", "/api/v2/videos/tasks/not-a-task", null, 404, "code,detail" },
        { "GET", "/api/v2/system/version", null, 200, "name,version,description,timestamp" },
        { "GET", $"/api/v2/stream/auto/youtube/{FakeVideos.Short}?device=mobile&bandwidth=500", null, 302, $"location:{Cdn}" },
        { "GET", $"/api/v2/stream/info/youtube/{FakeVideos.Short}", null, 200, "platform,video_id,stream_url,quality,video_info,expires_at,cached_at,timestamp" },
        { "GET", $"/api/v2/stream/url?url={Yt}", null, 302, $"location:/api/v2/stream/direct/youtube/{FakeVideos.Short}?quality=best" },
        { "GET", $"/api/v2/stream/url?url={Yt}&proxy=true&quality=480p", null, 302, $"location:/api/v2/stream/proxy/youtube/{FakeVideos.Short}?quality=480p" },
        { "GET", "/api/v2/stream/cache/stats", null, 200, "cache_stats,timestamp" },
        { "POST", "/api/v2/stream/batch", $$"""[{"platform":"youtube","video_id":"{{FakeVideos.Short}}"}]""", 200, "batch_results,total_requests" },
        { "GET", $"/api/v2/videos/x/{FakeVideos.Short}", null, 200, "success,message,data,timestamp" },
        // Retired: 410 with a problem naming what to use instead.
        { "GET", "/api/v2/files/video.mp4", null, 410, "code,detail" },
        { "HEAD", "/api/v2/files/video.mp4", null, 410, "type:application/problem+json" },
        { "GET", "/api/v2/system/storage", null, 410, "code,detail" },
        { "POST", "/api/v2/system/storage/cleanup", null, 410, "code,detail" },
        { "GET", "/api/v2/system/stats", null, 410, "code,detail" },
        { "GET", $"/api/media/details?url={Yt}", null, 410, "code,detail" },
        { "GET", $"/api/media/format/convert?url={Yt}", null, 410, "code,detail" },
        { "GET", $"/api/content/stream/optimize?source=youtube/{FakeVideos.Short}", null, 410, "code,detail" },
        { "GET", $"/api/content/process/queue?source_url={Yt}", null, 410, "code,detail" },
        { "GET", "/api/v3/concurrent/stats", null, 410, "code,detail" },
        { "GET", "/api/v3/concurrent/users/abc/jobs", null, 410, "code,detail" },
        { "POST", $"/api/v3/streaming/test/youtube/{FakeVideos.Short}", null, 410, "code,detail" },
        { "GET", "/openapi.json", null, 301, "location:/openapi/v1.json" },
        { "GET", "/redoc", null, 301, "location:/docs" },
        // v3
        { "GET", $"/api/v3/streaming/youtube/{FakeVideos.Short}", null, 302, $"location:{Cdn}" },
        { "GET", $"/api/v3/streaming/youtube/{FakeVideos.Short}?format=json", null, 200, "platform,video_id,stream_url,quality,player,cached,expires_at,links" },
        { "GET", $"/api/v3/streaming/youtube/{FakeVideos.Short}?format=proxy", null, 302, $"location:/api/v3/streaming/proxy/youtube/{FakeVideos.Short}" },
        { "GET", $"/api/v3/streaming/proxy/youtube/{FakeVideos.Short}", null, 200, "body:MP4!" },
        { "GET", $"/api/v3/streaming/info/youtube/{FakeVideos.Short}", null, 200, "platform,video_id,available,stream_url,quality_options,supported_formats,player_compatibility,links" },
        { "GET", $"/api/v3/streaming/embed/youtube/{FakeVideos.Short}", null, 200, "type:text/html" },
        { "GET", "/api/v3/streaming/cache/stats", null, 200, "cache_stats,timestamp" },
        { "DELETE", $"/api/v3/streaming/cache?platform=youtube&video_id={FakeVideos.Short}", null, 204, "body:" },
        { "GET", $"/api/v3/streaming/health/youtube/{FakeVideos.Short}", null, 200, "platform,video_id,stream_available,stream_url_available,health_status" },
        { "GET", "/api/v3/streaming/diagnostics", null, 200, "streaming_statistics,timestamp" },
        { "POST", "/api/v3/videos/info", $$"""{"url":"{{Yt}}"}""", 200, "id,url,info,status,created_at,links" },
        { "POST", "/api/v3/videos/batch/info", $$"""{"videos":[{"url":"{{Yt}}"}]}""", 200, "batch_id,total,successful,failed,videos,status,created_at" },
        { "GET", $"/api/v3/videos/{FakeVideos.Short}", null, 200, "id,url,info,status,created_at,links" },
        { "GET", "/api/v3/meta/info", null, 200, "api,features,limits,contact" },
        { "GET", "/api/v3/meta/routes", null, 200, "api_version,total_routes,routes" },
        { "GET", "/api/v3/meta/health", null, 200, "status,timestamp,api_version,components" },
        { "GET", "/api/v3/meta/docs", null, 200, "documentation,interactive_docs" },
        { "GET", "/openapi/v1.json", null, 200, "openapi,paths" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_answers_with_the_seed_status_and_fields(string method, string path, string? body, int status, string expect)
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{method} {path}: expected {status}, got {(int)response.StatusCode}: {text}");
        if (expect.StartsWith("location:", StringComparison.Ordinal))
        {
            var prefix = expect["location:".Length..].Replace("{streaming}", fixture.Streaming.Address);
            Assert.StartsWith(prefix, response.Headers.Location?.ToString() ?? "");
        }
        else if (expect.StartsWith("type:", StringComparison.Ordinal))
        {
            Assert.Equal(expect["type:".Length..], response.Content.Headers.ContentType?.MediaType);
        }
        else if (expect.StartsWith("body:", StringComparison.Ordinal))
        {
            Assert.Equal(expect["body:".Length..], text);
        }
        else
        {
            var json = JsonDocument.Parse(text).RootElement;
            foreach (var field in expect.Split(','))
            {
                Assert.True(json.TryGetProperty(field, out _), $"{method} {path}: no '{field}' in {text}");
            }
        }
    }

    [Fact]
    public async Task The_x_alias_reaches_twitter()
    {
        using var client = fixture.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/v2/videos/x/{FakeVideos.Short}");

        Assert.Equal("twitter", body.GetProperty("data").GetProperty("platform").GetString());
    }

    [Fact]
    public async Task Banners_list_the_platforms_metadata_supports()
    {
        using var client = fixture.CreateClient();

        var banner = await client.GetFromJsonAsync<JsonElement>("/");
        var meta = await client.GetFromJsonAsync<JsonElement>("/api/v3/meta/info");

        string[] expected = ["youtube", "bilibili"];
        Assert.Equal(expected, banner.GetProperty("supported_platforms").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(expected, meta.GetProperty("features").GetProperty("video_platforms").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Stream_info_offers_the_qualities_and_containers_the_video_has()
    {
        using var client = fixture.CreateClient();

        var info = await client.GetFromJsonAsync<JsonElement>($"/api/v3/streaming/info/youtube/{FakeVideos.Short}");

        Assert.Equal(["best", "360p", "worst"], info.GetProperty("quality_options").EnumerateArray().Select(q => q.GetString()));
        Assert.Equal(["mp4"], info.GetProperty("supported_formats").EnumerateArray().Select(q => q.GetString()));
    }

    [Fact]
    public async Task A_live_stream_is_vrchat_compatible_but_not_for_unitys_player()
    {
        using var client = fixture.CreateClient();

        var live = await client.GetFromJsonAsync<JsonElement>($"/api/vrchat/info?url=https://youtu.be/{FakeVideos.Live}");
        var video = await client.GetFromJsonAsync<JsonElement>($"/api/vrchat/info?url=https://youtu.be/{FakeVideos.Short}");

        Assert.Equal((true, false), (live.GetProperty("vrchat_compatible").GetBoolean(), live.GetProperty("unity_compatible").GetBoolean()));
        Assert.Equal((true, true), (video.GetProperty("vrchat_compatible").GetBoolean(), video.GetProperty("unity_compatible").GetBoolean()));
    }

    [Fact]
    public async Task Diagnostics_carry_streamings_own_counters()
    {
        using var client = fixture.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>("/api/v3/streaming/diagnostics");

        var statistics = body.GetProperty("streaming_statistics");
        Assert.Equal(7, statistics.GetProperty("total_requests").GetInt64());
        Assert.Equal(71.4, statistics.GetProperty("cache_hit_rate").GetDouble());
    }

    [Fact]
    public async Task Auto_quality_follows_device_and_bandwidth()
    {
        using var client = fixture.CreateClient();

        using var mobile = await client.GetAsync($"/api/v2/stream/auto/youtube/{FakeVideos.Short}?device=mobile&bandwidth=500");
        using var desktop = await client.GetAsync($"/api/v2/stream/auto/youtube/{FakeVideos.Short}?device=desktop&bandwidth=3000");

        Assert.Equal("480p", mobile.Headers.GetValues("X-Selected-Quality").Single());
        Assert.Contains("quality=480p", mobile.Headers.Location?.ToString());
        Assert.Equal("1080p", desktop.Headers.GetValues("X-Selected-Quality").Single());
        Assert.Equal("desktop", desktop.Headers.GetValues("X-Device-Type").Single());
    }

    [Fact]
    public async Task Go_video_info_keeps_the_go_field_names_inside_data()
    {
        using var client = fixture.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/v2/videos/youtube/{FakeVideos.Short}");

        var data = body.GetProperty("data");
        Assert.Equal(213, data.GetProperty("duration").GetInt64());
        Assert.Equal("youtube", data.GetProperty("platform").GetString());
        var format = data.GetProperty("formats")[0];
        Assert.Equal("640x360", format.GetProperty("resolution").GetString());
        Assert.Equal("avc1.42001E", format.GetProperty("codec").GetString());
    }

    [Fact]
    public async Task Proxy_routes_forward_the_range_header_and_the_partial_answer()
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v2/stream/proxy/youtube/{FakeVideos.Short}?quality=480p");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 3);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 0-3/4", response.Content.Headers.ContentRange?.ToString());
        Assert.Contains($"/api/v2/stream/proxy/youtube/{FakeVideos.Short}?quality=480p", fixture.Streaming.Requests);
    }

    [Fact]
    public async Task Playlist_entries_keep_the_go_field_names()
    {
        using var client = fixture.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>("/api/v2/playlists/youtube/PLfake");

        var data = body.GetProperty("data");
        Assert.Equal(1, data.GetProperty("entry_count").GetInt32());
        Assert.Equal($"https://www.youtube.com/watch?v={FakeVideos.Short}", data.GetProperty("entries")[0].GetProperty("webpage_url").GetString());
    }
}
