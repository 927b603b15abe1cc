using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Contracts;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Streaming.Tests;

/// <summary>The service's OpenAPI document tells client authors how each route fails, and what it tells is what the routes answer.</summary>
[Collection(StreamingCollection.Name)]
public sealed class OpenApiTests(StreamingFixture streaming)
{
    private const string StreamRoute = "/api/v2/stream/{platform}/{videoId}";

    [Fact]
    public async Task Every_operation_lists_its_problem_responses()
    {
        using var document = await DocumentAsync();

        Assert.Empty(OpenApiProblems.MissingProblems(document));
    }

    [Fact]
    public async Task The_stream_route_documents_the_codes_it_answers()
    {
        using var document = await DocumentAsync();
        using var dead = await streaming.Client.GetAsync("/api/v2/stream/youtube/removedVid1");
        using var noFormat = await streaming.Client.GetAsync("/api/v2/stream/youtube/vid00000001?format=best[height>5000]");

        var notFound = OpenApiProblems.CodesOf(document, "get", StreamRoute, 404);
        Assert.Contains(ErrorCodes.NoMatchingFormat, notFound);
        Assert.Contains(await CodeOfAsync(dead), notFound);
        Assert.Contains(await CodeOfAsync(noFormat), notFound);
        Assert.Contains(ErrorCodes.InvalidVideoId, OpenApiProblems.CodesOf(document, "get", StreamRoute, 400));
        Assert.Contains(ErrorCodes.UpstreamThrottled, OpenApiProblems.CodesOf(document, "get", StreamRoute, 503));
    }

    private Task<JsonDocument> DocumentAsync() => OpenApiProblems.ReadDocumentAsync(streaming.Client);

    private static async Task<string> CodeOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
}
