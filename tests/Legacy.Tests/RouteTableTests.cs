using System.Net;
using System.Text.Json;

namespace VideoPlatform.Legacy.Tests;

/// <summary>Every legacy route of the seed's contract that is built, with its status and field names.</summary>
public sealed class RouteTableTests(LegacyFixture legacy) : IClassFixture<LegacyFixture>
{
    public static TheoryData<string, int, string> Routes => new()
    {
        { "/api/v1/?yt=https://youtu.be/dQw4w9WgXcQ", 302, "" },
        { "/api/stream?url=https://youtu.be/dQw4w9WgXcQ", 302, "" },
        { "/api/stream?url=https://youtu.be/dQw4w9WgXcQ&format=json&quality=highest", 200, "platform,video_id,stream_url,quality,success" },
        { "/api/stream?url=https://youtu.be/dQw4w9WgXcQ&format=proxy", 302, "" },
        { "/api/info?url=https://youtu.be/dQw4w9WgXcQ", 200, "platform,video_id,info,stream_available,success" },
        { "/api/formats?url=https://youtu.be/dQw4w9WgXcQ", 200, "platform,video_id,available_qualities,recommended_quality,video_info,success" },
        { "/api/download?url=https://youtu.be/dQw4w9WgXcQ", 302, "" },
        { "/api/embed?url=https://youtu.be/dQw4w9WgXcQ", 302, "" },
        { "/api/platforms", 200, "supported_platforms,total_platforms,simple_endpoints,vrchat_endpoints,vrchat_features" },
        { "/api/health", 200, "status,timestamp,version,services" },
        { "/api/v2/system/health", 200, "status,timestamp,version,services" },
        { "/api/vrchat/stream?url=https://youtu.be/dQw4w9WgXcQ", 302, "" },
        { "/api/vrchat/stream?url=https://youtu.be/dQw4w9WgXcQ&format=json", 200, "platform,video_id,stream_url,quality,player_type,vrchat_optimized,unity_optimized,success,notes,codec_info" },
        { "/api/vrchat/stream?url=https://youtu.be/dQw4w9WgXcQ&format=proxy", 302, "" },
        { "/api/vrchat/download?url=https://youtu.be/dQw4w9WgXcQ", 302, "" },
        { "/api/vrchat/info?url=https://youtu.be/dQw4w9WgXcQ", 200, "platform,video_id,info,vrchat_compatible,unity_compatible,player_type,compatibility_notes,performance_notes,recommended_quality,codec_recommendations,success,vrchat_endpoints" },
        { "/api/vrchat/health", 200, "status,service,version,features,endpoints,supported_players,supported_qualities,notes" },
        { "/", 200, "name,version,description,docs_url,health_url" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_route_answers_with_the_old_status_and_fields(string path, int status, string fields)
    {
        using var client = legacy.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        if (fields.Length > 0)
        {
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.All(fields.Split(','), field => Assert.True(body.TryGetProperty(field, out _), $"{path} lacks '{field}'"));
        }
        else
        {
            Assert.NotNull(response.Headers.Location);
        }
    }
}

public sealed class DependencyDownTests
{
    [Fact]
    public async Task With_metadata_down_player_routes_answer_a_short_503()
    {
        await using var factory = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("services:metadata:http:0", $"http://127.0.0.1:{TestSupport.FreePort.Next()}")
            .UseSetting("services:streaming:http:0", $"http://127.0.0.1:{TestSupport.FreePort.Next()}"));
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/api/vrchat/stream?url=https://youtu.be/dQw4w9WgXcQ");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("temporarily unavailable", await response.Content.ReadAsStringAsync());
    }
}
