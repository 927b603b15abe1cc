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
        { "POST", "/api/v2/videos/download", $$"""{"url":"{{Yt}}"}""", 200, "task_id,status,message,video_info,download_url" },
        { "POST", "/api/v2/videos/batch-download", $$"""{"urls":["{{Yt}}","https://example.com/x"]}""", 200, "batch_id,total_count,tasks" },
        { "GET", "/api/v2/videos/tasks/not-a-task", null, 404, "code,detail" },
        // v3
        { "GET", $"/api/v3/streaming/youtube/{FakeVideos.Short}", null, 302, $"location:{Cdn}" },
        { "GET", $"/api/v3/streaming/youtube/{FakeVideos.Short}?format=json", null, 200, "platform,video_id,stream_url,quality,player,cached,expires_at,links" },
        { "GET", $"/api/v3/streaming/youtube/{FakeVideos.Short}?format=proxy", null, 302, $"location:/api/v3/streaming/proxy/youtube/{FakeVideos.Short}" },
        { "GET", $"/api/v3/streaming/proxy/youtube/{FakeVideos.Short}", null, 200, "body:MP4!" },
        { "GET", $"/api/v3/streaming/info/youtube/{FakeVideos.Short}", null, 200, "platform,video_id,available,stream_url,quality_options,supported_formats,player_compatibility,links" },
        { "GET", $"/api/v3/streaming/embed/youtube/{FakeVideos.Short}", null, 200, "type:text/html" },
        { "GET", "/api/v3/streaming/cache/stats", null, 200, "success,data" },
        { "GET", "/api/v3/streaming/diagnostics", null, 200, "success,data" },
        { "POST", "/api/v3/videos/info", $$"""{"url":"{{Yt}}"}""", 200, "id,url,info,status,created_at,links" },
        { "POST", "/api/v3/videos/batch/info", $$"""{"videos":[{"url":"{{Yt}}"}]}""", 200, "batch_id,total,successful,failed,videos,status,created_at" },
        { "POST", "/api/v3/videos/download", $$"""{"url":"{{Yt}}"}""", 202, "id,url,info,task_id,download_url,status,created_at,links" },
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
    public async Task A_download_task_id_answers_on_the_tasks_route_with_its_download_url()
    {
        using var client = fixture.CreateClient();

        using var started = await client.PostAsJsonAsync("/api/v2/videos/download", new { url = Yt, quality = "highest" });
        var task = await started.Content.ReadFromJsonAsync<JsonElement>();
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/v2/videos/tasks/{task.GetProperty("task_id").GetString()}");

        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.StartsWith($"{fixture.Streaming.Address}/api/v2/stream/proxy/youtube/{FakeVideos.Short}?quality=best",
            body.GetProperty("download_url").GetString());
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
