using System.Globalization;
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

    private const string Title = "Never Gonna Give You Up";
    private const string Thumbnail = "https://i.ytimg.com/vi/" + FakeVideos.Short + "/hqdefault.jpg";
    private const string Retired = "code=route_retired,detail^=This route of the old API is retired. Use instead: ,error=Gone,success=false";

    /// <summary>
    /// method, path, JSON body (or null), expected status, and what the answer must carry, from
    /// what the fakes (Fakes/FakeVideos.cs) were given: comma-separated JSON expectations, each a
    /// dotted path (array items by index) that must be present, <c>path=value</c> (exact),
    /// <c>path^=value</c> (starts with) or <c>path#=n</c> (array length); or "location=&lt;URL&gt;"
    /// (exact), "type:&lt;media type&gt;" or "body:&lt;text&gt;". {streaming} stands for streaming's
    /// address, {cdn} for the fake CDN's playback URL.
    /// </summary>
    public static TheoryData<string, string, string?, int, string> Routes => new()
    {
        // v1 and the simple API
        { "GET", $"/api/v1/?yt={Yt}", null, 302, $"location={{cdn}}?id={FakeVideos.Short}&itag=18&quality=best" },
        { "GET", $"/api/v1?yt={Yt}", null, 302, $"location={{cdn}}?id={FakeVideos.Short}&itag=18&quality=best" },
        { "GET", $"/api/stream?url={Yt}", null, 302, $"location={{cdn}}?id={FakeVideos.Short}&itag=18&quality=best" },
        { "GET", $"/api/stream?url={Yt}&format=json&quality=480p", null, 200,
            $"platform=youtube,video_id={FakeVideos.Short},stream_url={{cdn}}?id={FakeVideos.Short}&itag=18&quality=480p,quality=480p,success=true" },
        { "GET", $"/api/stream?url={Yt}&format=proxy", null, 302, $"location={{streaming}}/api/v2/stream/proxy/youtube/{FakeVideos.Short}?quality=best&player=auto" },
        { "GET", $"/api/info?url={Yt}", null, 200,
            $"platform=youtube,video_id={FakeVideos.Short},info.id={FakeVideos.Short},info.title={Title},info.description,info.duration=213,info.uploader=Rick Astley," +
            $"info.upload_date=20091025,info.view_count=1500000000,info.like_count=16000000,info.thumbnail={Thumbnail},stream_available=true,success=true" },
        { "GET", $"/api/download?url={Yt}", null, 302,
            $"location={{streaming}}/api/v2/stream/proxy/youtube/{FakeVideos.Short}?quality=best&player=auto&download=true&filename=Never_Gonna_Give_You_Up.mp4" },
        { "GET", $"/api/formats?url={Yt}", null, 200,
            $"platform=youtube,video_id={FakeVideos.Short},available_qualities#=3,available_qualities.0=highest,available_qualities.1=lowest,available_qualities.2=360p," +
            $"recommended_quality=highest,video_info.title={Title},video_info.duration=213,success=true" },
        { "GET", $"/api/embed?url={Yt}", null, 302, $"location=/api/v2/stream/embed/youtube/{FakeVideos.Short}?width=640&height=360&quality=best" },
        { "GET", "/api/platforms", null, 200,
            "supported_platforms#=2,supported_platforms.0.name=YouTube,supported_platforms.0.platform_id=youtube,supported_platforms.0.domains.1=youtu.be," +
            "supported_platforms.0.example_urls.0=https://www.youtube.com/watch?v=ID,supported_platforms.0.features#=3,supported_platforms.0.notes=null," +
            "supported_platforms.1.platform_id=bilibili,total_platforms=2,simple_endpoints.0=/api/stream,vrchat_endpoints.0=/api/vrchat/stream,vrchat_features#=2" },
        { "GET", "/api/health", null, 200, "status=healthy,timestamp,version=3.0.0,services.metadata.status=Healthy,services.streaming.status=Healthy" },
        { "GET", $"/api/vrchat/stream?url={Yt}", null, 302, $"location={{cdn}}?id={FakeVideos.Short}&itag=18&quality=720p" },
        { "GET", $"/api/vrchat/info?url={Yt}", null, 200,
            $"platform=youtube,video_id={FakeVideos.Short},info.title={Title},info.duration=213,vrchat_compatible=true,unity_compatible=true,player_type=auto," +
            "compatibility_notes#=1,performance_notes#=0,recommended_quality=720p,codec_recommendations.current_selection=progressive MP4 from the CDN," +
            $"vrchat_endpoints.stream=/api/vrchat/stream?url={Uri.EscapeDataString(Yt)}&quality=720p&player=auto," +
            $"vrchat_endpoints.info=/api/vrchat/info?url={Uri.EscapeDataString(Yt)}&player=auto,success=true" },
        { "GET", $"/api/vrchat/download?url={Yt}", null, 302,
            $"location={{streaming}}/api/v2/stream/proxy/youtube/{FakeVideos.Short}?quality=720p&player=auto&download=true&filename=Never_Gonna_Give_You_Up.mp4" },
        { "GET", "/api/vrchat/health", null, 200,
            "status=healthy,service=VRChat Video API,version=2.0.0,features.get_only_endpoints=true,features.avpro_video_support=true,features.unity_player_optimization=true," +
            "endpoints.health=/api/vrchat/health,supported_players#=3,supported_qualities#=4,supported_qualities.0=720p,notes" },
        // the Go API
        { "GET", "/", null, 200,
            "name=Video Streaming API,version=3.0.0,description,docs_url=/docs,health_url=/api/health,endpoints.direct=/api/v2/stream/direct/{platform}/{video_id}," +
            "supported_platforms#=2,supported_platforms.0=youtube,supported_platforms.1=bilibili,timestamp" },
        { "GET", "/health", null, 200, "status" },
        { "GET", "/api/v2/system/health", null, 200,
            "status=healthy,timestamp,version=3.0.0,services.metadata=healthy,services.streaming=healthy,uptime,memory.alloc_mb,memory.num_gc" },
        { "GET", $"/api/v2/videos/youtube/{FakeVideos.Short}", null, 200,
            $"success=true,message=Video information retrieved successfully,data.id={FakeVideos.Short},data.title={Title},data.duration=213,data.platform=youtube," +
            "data.uploader=Rick Astley,data.upload_date=20091025,data.formats#=1,data.formats.0.format_id=18,data.formats.0.ext=mp4,data.formats.0.quality=360p," +
            "data.formats.0.resolution=640x360,data.formats.0.codec=avc1.42001E,timestamp" },
        { "GET", "/api/v2/playlists/youtube/PLfake", null, 200,
            "success=true,message=Playlist information retrieved successfully,data.id=PLfake,data.title=Fake playlist,data.uploader=Fake channel," +
            "data.webpage_url=https://www.youtube.com/playlist?list=PLfake,data.entry_count=1,data.platform=youtube," +
            $"data.entries.0.id={FakeVideos.Short},data.entries.0.title={Title},data.entries.0.duration=213,data.entries.0.uploader=Rick Astley,timestamp" },
        { "GET", "/api/v2/stream/metrics", null, 200,
            "success=true,message=Streaming metrics retrieved successfully,data.total_requests=7,data.cache_hits=5,data.cache_misses=2,data.cache_hit_rate=71.4,timestamp" },
        { "GET", $"/api/v2/stream/direct/youtube/{FakeVideos.Short}?quality=720p", null, 302, $"location={{cdn}}?id={FakeVideos.Short}&itag=18&quality=720p" },
        { "GET", $"/api/v2/stream/proxy/youtube/{FakeVideos.Short}?quality=720p", null, 200, "body:MP4!" },
        { "GET", $"/api/v2/stream/youtube/{FakeVideos.Short}?quality=720p", null, 302, $"location={{cdn}}?id={FakeVideos.Short}&itag=18&quality=720p" },
        { "GET", $"/api/v2/stream/youtube/{FakeVideos.Short}?mode=proxy", null, 200, "body:MP4!" },
        { "GET", $"/api/v2/stream/youtube/{FakeVideos.Short}?country=cn", null, 200, "body:MP4!" },
        { "GET", $"/api/v2/stream/bilibili/{FakeVideos.Bilibili}", null, 200, "body:MP4!" },
        { "GET", $"/api/v2/stream/https:/www.youtube.com/watch?v={FakeVideos.Short}&mode=direct", null, 302, $"location={{cdn}}?id={FakeVideos.Short}&itag=18&quality=best" },
        { "GET", $"/api/v2/stream/embed/youtube/{FakeVideos.Short}", null, 200, "type:text/html" },
        // the Python v2 API
        { "POST", "/api/v2/videos/info", $$"""{"url":"{{Yt}}"}""", 200,
            $"id={FakeVideos.Short},title={Title},description,duration=213,uploader=Rick Astley,upload_date=20091025,view_count=1500000000,like_count=16000000," +
            $"thumbnail={Thumbnail},formats#=1,formats.0.format_id=18,formats.0.ext=mp4,formats.0.height=360" },
        { "POST", "/api/v2/videos/stream", $$"""{"url":"{{Yt}}","quality":"highest"}""", 200,
            $"stream_url={{cdn}}?id={FakeVideos.Short}&itag=18&quality=best,video_info.id={FakeVideos.Short},video_info.title={Title},expires_at=2030-01-01 00:00:00" },
        { "GET", $"/api/v2/videos/stream-proxy?url={Yt}", null, 200, "body:MP4!" },
        { "GET", $"/api/v2/videos/redirect?url={Yt}", null, 302, $"location={{cdn}}?id={FakeVideos.Short}&itag=18&quality=best" },
        { "GET", $"/api/v2/videos/download/vrchat?url={Yt}", null, 302,
            $"location={{streaming}}/api/v2/stream/proxy/youtube/{FakeVideos.Short}?quality=720p&player=auto&download=true&filename=Never_Gonna_Give_You_Up.mp4" },
        // Downloads drive streaming's real jobs: Downloads/LegacyDownloadTests, against the real streaming service.
        { "GET", "/api/v2/videos/tasks/not-a-task", null, 404, "code=not_found,detail=Task 'not-a-task' was not found.,error=Not Found,success=false,timestamp" },
        { "DELETE", "/api/v2/videos/tasks/not-a-task", null, 404, "code=not_found,detail=Task 'not-a-task' was not found.,error=Not Found,success=false,timestamp" },
        { "GET", "/api/v2/system/version", null, 200, "name=Video Streaming API,version=3.0.0,description^=Compatibility front of the video platform,timestamp" },
        { "GET", $"/api/v2/stream/auto/youtube/{FakeVideos.Short}?device=mobile&bandwidth=500", null, 302, $"location={{cdn}}?id={FakeVideos.Short}&itag=18&quality=480p" },
        { "GET", $"/api/v2/stream/info/youtube/{FakeVideos.Short}", null, 200,
            $"platform=youtube,video_id={FakeVideos.Short},stream_url={{cdn}}?id={FakeVideos.Short}&itag=18&quality=best,quality=best,video_info.title={Title}," +
            $"video_info.duration=213,video_info.thumbnail={Thumbnail},video_info.uploader=Rick Astley,expires_at=1893456000,cached_at,timestamp" },
        { "GET", $"/api/v2/stream/url?url={Yt}", null, 302, $"location=/api/v2/stream/direct/youtube/{FakeVideos.Short}?quality=best" },
        { "GET", $"/api/v2/stream/url?url={Yt}&proxy=true&quality=480p", null, 302, $"location=/api/v2/stream/proxy/youtube/{FakeVideos.Short}?quality=480p" },
        { "GET", "/api/v2/stream/cache/stats", null, 200, "cache_stats.total_cached_streams=1,timestamp" },
        { "POST", "/api/v2/stream/batch", $$"""[{"platform":"youtube","video_id":"{{FakeVideos.Short}}"}]""", 200, "batch_results.total=1,total_requests=1" },
        { "GET", $"/api/v2/videos/x/{FakeVideos.Short}", null, 200, $"success=true,data.id={FakeVideos.Short},data.platform=twitter" },
        // Retired: 410 with a problem naming what to use instead.
        { "GET", "/api/v2/files/video.mp4", null, 410, Retired },
        { "HEAD", "/api/v2/files/video.mp4", null, 410, "type:application/problem+json" },
        { "GET", "/api/v2/system/storage", null, 410, Retired },
        { "POST", "/api/v2/system/storage/cleanup", null, 410, Retired },
        { "GET", "/api/v2/system/stats", null, 410, Retired },
        { "GET", $"/api/media/details?url={Yt}", null, 410, Retired },
        { "GET", $"/api/media/format/convert?url={Yt}", null, 410, Retired },
        { "GET", $"/api/content/stream/optimize?source=youtube/{FakeVideos.Short}", null, 410, Retired },
        { "GET", $"/api/content/process/queue?source_url={Yt}", null, 410, Retired },
        { "GET", "/api/v3/concurrent/stats", null, 410, Retired },
        { "GET", "/api/v3/concurrent/users/abc/jobs", null, 410, Retired },
        { "POST", $"/api/v3/streaming/test/youtube/{FakeVideos.Short}", null, 410, Retired },
        { "GET", "/openapi.json", null, 301, "location=/openapi/v1.json" },
        { "GET", "/redoc", null, 301, "location=/docs" },
        // v3
        { "GET", $"/api/v3/streaming/youtube/{FakeVideos.Short}", null, 302, $"location={{cdn}}?id={FakeVideos.Short}&itag=18&quality=best" },
        { "GET", $"/api/v3/streaming/youtube/{FakeVideos.Short}?format=json", null, 200,
            $"platform=youtube,video_id={FakeVideos.Short},stream_url={{cdn}}?id={FakeVideos.Short}&itag=18&quality=best,quality=best,player=auto,cached=false," +
            $"expires_at^=2030-01-01T00:00:00,links.self=/api/v3/streaming/youtube/{FakeVideos.Short},links.proxy=/api/v3/streaming/proxy/youtube/{FakeVideos.Short}," +
            $"links.info=/api/v3/streaming/info/youtube/{FakeVideos.Short},links.embed=/api/v3/streaming/embed/youtube/{FakeVideos.Short}" },
        { "GET", $"/api/v3/streaming/youtube/{FakeVideos.Short}?format=proxy", null, 302,
            $"location=/api/v3/streaming/proxy/youtube/{FakeVideos.Short}?quality=best&player=auto" },
        { "GET", $"/api/v3/streaming/proxy/youtube/{FakeVideos.Short}", null, 200, "body:MP4!" },
        { "GET", $"/api/v3/streaming/info/youtube/{FakeVideos.Short}", null, 200,
            $"platform=youtube,video_id={FakeVideos.Short},available=true,stream_url={{cdn}}?id={FakeVideos.Short}&itag=18&quality=best,quality_options#=3," +
            "supported_formats#=1,player_compatibility.avpro=true,player_compatibility.unity=true,player_compatibility.html5=true,player_compatibility.vrchat=true," +
            $"links.stream=/api/v3/streaming/youtube/{FakeVideos.Short},links.download=/api/v3/streaming/proxy/youtube/{FakeVideos.Short}?download=true" },
        { "GET", $"/api/v3/streaming/embed/youtube/{FakeVideos.Short}", null, 200, "type:text/html" },
        { "GET", "/api/v3/streaming/cache/stats", null, 200, "cache_stats.total_cached_streams=1,timestamp" },
        { "DELETE", $"/api/v3/streaming/cache?platform=youtube&video_id={FakeVideos.Short}", null, 204, "body:" },
        { "GET", $"/api/v3/streaming/health/youtube/{FakeVideos.Short}", null, 200,
            $"platform=youtube,video_id={FakeVideos.Short},stream_available=true,stream_url_available=true,health_status=healthy,problem=null" },
        { "GET", "/api/v3/streaming/diagnostics", null, 200, "streaming_statistics.total_requests=7,streaming_statistics.cache_hit_rate=71.4,timestamp" },
        { "POST", "/api/v3/videos/info", $$"""{"url":"{{Yt}}"}""", 200,
            $"id,url={Yt},info.id={FakeVideos.Short},info.title={Title},info.duration=213,task_id=null,status=info_extracted,created_at,links.info=/api/v3/videos/info" },
        { "POST", "/api/v3/videos/batch/info", $$"""{"videos":[{"url":"{{Yt}}"},{"url":"https://example.com/x"}]}""", 200,
            $"batch_id^=batch_,total=2,successful=1,failed=1,videos.0.info.id={FakeVideos.Short},videos.0.status=info_extracted," +
            "videos.1.url=https://example.com/x,videos.1.info.title=Error,videos.1.status=failed,status=completed,created_at" },
        { "GET", $"/api/v3/videos/{FakeVideos.Short}", null, 200,
            $"id,url=https://www.youtube.com/watch?v={FakeVideos.Short},info.id={FakeVideos.Short},info.title={Title},status=info_extracted,created_at,links.info" },
        { "GET", "/api/v3/meta/info", null, 200,
            "api.name=Video Streaming API,api.version=3.0.0,api.openapi_url=/openapi/v1.json,features.video_platforms#=2,features.video_platforms.0=youtube," +
            "limits.max_batch_size=10,limits.max_filename_length=255,contact.health_check=/api/health" },
        { "GET", "/api/v3/meta/routes", null, 200, "api_version=3.0.0,total_routes,routes.0.path^=/api,routes.0.method" },
        { "GET", "/api/v3/meta/health", null, 200, "status=healthy,timestamp,api_version=3.0.0,components.metadata.status=healthy,components.streaming.status=healthy" },
        { "GET", "/api/v3/meta/docs", null, 200, "documentation.legacy=docs/legacy.md,interactive_docs.swagger_ui=/docs,interactive_docs.openapi_spec=/openapi/v1.json" },
        { "GET", "/openapi/v1.json", null, 200, "openapi^=3.,paths" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_answers_with_the_seed_status_and_field_values(string method, string path, string? body, int status, string expect)
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
        if (expect.StartsWith("location=", StringComparison.Ordinal))
        {
            Assert.Equal(Expand(expect["location=".Length..]), response.Headers.Location?.OriginalString);
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
            foreach (var expectation in expect.Split(','))
            {
                AssertJson(json, expectation, $"{method} {path}: {text}");
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
        Assert.Contains($"/api/v2/stream/proxy/youtube/{FakeVideos.Short}?quality=480p", fixture.Streaming.PathsAsked);
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

    private string Expand(string value) => value.Replace("{streaming}", fixture.Streaming.Origin).Replace("{cdn}", Cdn);

    /// <summary>One expectation of the route table: <c>path</c>, <c>path=value</c>, <c>path^=prefix</c> or <c>path#=length</c>.</summary>
    private void AssertJson(JsonElement root, string expectation, string context)
    {
        var (path, op, expected) = expectation.IndexOf('=') is var at and > 0
            ? expectation[at - 1] is '^' or '#'
                ? (expectation[..(at - 1)], expectation[(at - 1)..(at + 1)], Expand(expectation[(at + 1)..]))
                : (expectation[..at], "=", Expand(expectation[(at + 1)..]))
            : (expectation, "", "");
        var element = root;
        foreach (var step in path.Split('.'))
        {
            JsonElement? found = element.ValueKind == JsonValueKind.Array && int.TryParse(step, out var index)
                ? index < element.GetArrayLength() ? element[index] : (JsonElement?)null
                : element.ValueKind == JsonValueKind.Object && element.TryGetProperty(step, out var child) ? child : null;
            Assert.True(found.HasValue, $"no '{path}' in {context}");
            element = found.Value;
        }
        var actual = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
        switch (op)
        {
            case "=":
                Assert.True(expected == actual, $"'{path}' is {actual}, expected {expected} in {context}");
                break;
            case "^=":
                Assert.True(actual.StartsWith(expected, StringComparison.Ordinal), $"'{path}' is {actual}, expected it to start with {expected} in {context}");
                break;
            case "#=":
                Assert.True(element.GetArrayLength() == int.Parse(expected, CultureInfo.InvariantCulture), $"'{path}' has {element.GetArrayLength()} items, expected {expected} in {context}");
                break;
        }
    }
}
