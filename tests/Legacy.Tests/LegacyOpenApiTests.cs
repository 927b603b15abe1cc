using System.Text.Json;
using VideoPlatform.Legacy.Tests.Fakes;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Legacy.Tests;

/// <summary>Legacy's OpenAPI document says how each route fails, not only how it succeeds.</summary>
public sealed class LegacyOpenApiTests(LegacyFixture fixture) : IClassFixture<LegacyFixture>
{
    private async Task<JsonDocument> DocumentAsync()
    {
        using var client = fixture.CreateClient();
        return await OpenApiProblems.ReadDocumentAsync(client);
    }

    [Fact]
    public async Task Every_operation_lists_its_problem_responses()
    {
        using var document = await DocumentAsync();

        Assert.Empty(OpenApiProblems.MissingProblems(document));
    }

    [Fact]
    public async Task A_stream_route_lists_the_codes_of_a_video_that_cannot_play_and_of_a_dependency_down()
    {
        using var document = await DocumentAsync();

        Assert.Contains("video_unavailable", OpenApiProblems.CodesOf(document, "GET", "/api/v2/stream/direct/{platform}/{videoId}", 404));
        Assert.Contains("age_restricted", OpenApiProblems.CodesOf(document, "GET", "/api/v2/stream/direct/{platform}/{videoId}", 403));
        Assert.Contains("upstream_unavailable", OpenApiProblems.CodesOf(document, "GET", "/api/vrchat/stream", 503));
        Assert.Contains("invalid_url", OpenApiProblems.CodesOf(document, "GET", "/api/vrchat/stream", 400));
        Assert.Equal(["not_found"], OpenApiProblems.CodesOf(document, "GET", "/api/v2/videos/tasks/{taskId}", 404));
    }

    [Fact]
    public async Task A_retired_route_lists_its_410()
    {
        using var document = await DocumentAsync();

        Assert.Equal(["route_retired"], OpenApiProblems.CodesOf(document, "GET", "/api/v2/system/stats", 410));
    }
}
