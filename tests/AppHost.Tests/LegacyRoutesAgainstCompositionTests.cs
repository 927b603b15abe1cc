using System.Net;
using System.Text;
using System.Text.Json;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// Every legacy route old clients use, against the running composition (legacy → streaming →
/// metadata → fake YouTube → fake CDN), with the seed's status codes and field names.
/// </summary>
[Collection(CompositionCollection.Name)]
public sealed class LegacyRoutesAgainstCompositionTests(CompositionFixture playback)
{
    private const string Id = "dQw4w9WgXcQ";
    private const string Yt = "https://www.youtube.com/watch?v=" + Id;

    public static TheoryData<string, string, string?, int, string> Routes => new()
    {
        { "GET", $"/api/v1/?yt={Yt}", null, 302, "location:{cdn}" },
        { "GET", $"/api/stream?url={Yt}", null, 302, "location:{cdn}" },
        { "GET", $"/api/stream?url={Yt}&format=json&quality=480p", null, 200, "platform,video_id,stream_url,quality,success" },
        { "GET", $"/api/stream?url={Yt}&format=proxy", null, 302, "location:{streaming}" },
        { "GET", $"/api/info?url={Yt}", null, 200, "platform,video_id,info,stream_available,success" },
        { "GET", $"/api/download?url={Yt}", null, 302, "location:{streaming}" },
        { "GET", $"/api/formats?url={Yt}", null, 200, "platform,video_id,available_qualities,recommended_quality,video_info,success" },
        { "GET", $"/api/embed?url={Yt}", null, 302, "" },
        { "GET", "/api/platforms", null, 200, "supported_platforms,total_platforms,simple_endpoints,vrchat_endpoints,vrchat_features" },
        { "GET", "/api/health", null, 200, "status,timestamp,version,services" },
        { "GET", $"/api/vrchat/stream?url={Yt}", null, 302, "location:{cdn}" },
        { "GET", $"/api/vrchat/stream?url={Yt}&format=json", null, 200, "platform,video_id,stream_url,quality,player_type,success" },
        { "GET", $"/api/vrchat/info?url={Yt}", null, 200, "platform,video_id,info,vrchat_compatible,unity_compatible,player_type,recommended_quality,success" },
        { "GET", $"/api/vrchat/download?url={Yt}", null, 302, "location:{streaming}" },
        { "GET", "/api/vrchat/health", null, 200, "status,service,version,features,supported_players,supported_qualities" },
        { "GET", "/", null, 200, "name,version,description,docs_url,health_url" },
        { "GET", "/api/v2/system/health", null, 200, "status,timestamp,version,services" },
        { "GET", $"/api/v2/videos/youtube/{Id}", null, 200, "success,message,data,timestamp" },
        { "GET", "/api/v2/playlists/youtube/PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG", null, 200, "success,message,data,timestamp" },
        { "GET", "/api/v2/stream/metrics", null, 200, "success,message,data,timestamp" },
        { "GET", $"/api/v2/stream/direct/youtube/{Id}?quality=720p", null, 302, "location:{cdn}" },
        { "GET", $"/api/v2/stream/proxy/youtube/{Id}?quality=720p", null, 200, "mp4" },
        { "GET", $"/api/v2/stream/youtube/{Id}?quality=720p", null, 302, "location:{cdn}" },
        { "GET", $"/api/v2/stream/youtube/{Id}?mode=proxy", null, 200, "mp4" },
        { "GET", $"/api/v2/stream/youtube/{Id}?country=cn", null, 200, "mp4" },
        { "POST", "/api/v2/videos/info", $$"""{"url":"{{Yt}}"}""", 200, "id,title,description,duration,uploader,upload_date,view_count,like_count,thumbnail,formats" },
        { "POST", "/api/v2/videos/stream", $$"""{"url":"{{Yt}}","quality":"highest"}""", 200, "stream_url,video_info,expires_at" },
        { "GET", $"/api/v2/videos/stream-proxy?url={Yt}", null, 200, "mp4" },
        { "GET", $"/api/v2/videos/redirect?url={Yt}", null, 302, "location:{cdn}" },
        { "GET", $"/api/v2/videos/download/vrchat?url={Yt}", null, 302, "location:{streaming}" },
        { "POST", "/api/v2/videos/download", $$"""{"url":"{{Yt}}"}""", 200, "task_id,status,message,video_info,download_url" },
        { "GET", $"/api/v3/streaming/youtube/{Id}", null, 302, "location:{cdn}" },
        { "GET", $"/api/v3/streaming/youtube/{Id}?format=json", null, 200, "platform,video_id,stream_url,quality,links" },
        { "GET", $"/api/v3/streaming/proxy/youtube/{Id}", null, 200, "mp4" },
        { "POST", "/api/v3/videos/info", $$"""{"url":"{{Yt}}"}""", 200, "id,url,info,status" },
        { "GET", "/api/v3/meta/health", null, 200, "status,timestamp,api_version,components" },
        { "GET", "/health", null, 200, "status" },
        { "GET", $"/api/v2/stream/embed/youtube/{Id}", null, 200, "html" },
        { "POST", "/api/v2/videos/batch-download", $$"""{"urls":["{{Yt}}","https://example.com/x"]}""", 200, "batch_id,total_count,tasks" },
        { "GET", "/api/v2/videos/tasks/not-a-task", null, 404, "code,detail" },
        { "GET", $"/api/v3/streaming/info/youtube/{Id}", null, 200, "platform,video_id,available,stream_url,quality_options,supported_formats,player_compatibility,links" },
        { "GET", $"/api/v3/streaming/embed/youtube/{Id}", null, 200, "html" },
        { "GET", "/api/v3/streaming/cache/stats", null, 200, "cache_stats,timestamp" },
        { "GET", "/api/v3/streaming/diagnostics", null, 200, "streaming_statistics,timestamp" },
        { "POST", "/api/v3/videos/batch/info", $$"""{"videos":[{"url":"{{Yt}}"}]}""", 200, "batch_id,total,successful,failed,videos,status,created_at" },
        { "POST", "/api/v3/videos/download", $$"""{"url":"{{Yt}}"}""", 202, "id,url,info,task_id,download_url,status,created_at,links" },
        { "GET", "/api/v3/meta/info", null, 200, "api,features,limits,contact" },
        { "GET", "/api/v3/meta/routes", null, 200, "api_version,total_routes,routes" },
        { "GET", "/api/v3/meta/docs", null, 200, "documentation,interactive_docs" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_legacy_route_answers_through_the_whole_composition(string method, string path, string? body, int status, string expect)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = playback.App.GetEndpoint("legacy") };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        var content = await response.Content.ReadAsByteArrayAsync();
        Assert.True(status == (int)response.StatusCode, $"{method} {path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(content.Take(300).ToArray())}");
        if (expect.StartsWith("location:", StringComparison.Ordinal))
        {
            var target = expect["location:".Length..]
                .Replace("{cdn}", playback.Cdn.Address.ToString().TrimEnd('/'), StringComparison.Ordinal)
                .Replace("{streaming}", playback.App.GetEndpoint("streaming").ToString().TrimEnd('/'), StringComparison.Ordinal);
            Assert.StartsWith(target, response.Headers.Location?.ToString());
        }
        else if (expect == "html")
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        }
        else if (expect == "mp4")
        {
            // ISO BMFF starts with a box whose type is "ftyp".
            Assert.Equal("ftyp", Encoding.ASCII.GetString(content, 4, 4));
        }
        else if (expect.Length > 0)
        {
            using var json = JsonDocument.Parse(content);
            Assert.All(expect.Split(','), field => Assert.True(json.RootElement.TryGetProperty(field, out _), $"{path} lacks '{field}'"));
        }
    }
}
