using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.TestSupport;
using Xunit.Abstractions;

namespace VideoPlatform.Metadata.Tests.Hostile;

/// <summary>
/// A platform that attacks the metadata service, on loopback: player answers of 100 MB (with and
/// without a length), 100,000 formats, HTML where JSON belongs, caption tracks that redirect inward
/// or are not captions. Each is a small problem with a stable code, never a 500, and the inside
/// server (standing for what the service can reach and nobody may make it reach) is never asked.
/// The player answers are the recorded <c>player-dQw4w9WgXcQ.json</c> with the hostile part put in.
/// </summary>
[Collection(MemoryMeasuringCollection.Name)]
public sealed class HostilePlatformTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long HugeBytes = 100L * 1024 * 1024;
    private const int ManyFormats = 100_000;
    private static readonly string Fixtures = FixtureFiles.PathOf("YouTube");

    private LoopbackServer _inside = null!;
    private LoopbackServer _platform = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _inside = await LoopbackServer.StartAsync(routes => routes.Map("/{**path}", () => Results.Text("internal secret")));
        _platform = await LoopbackServer.StartAsync(routes =>
        {
            routes.MapPost("/youtubei/v1/player", PlayerAsync);
            routes.MapPost("/youtubei/v1/reel/reel_item_watch", PlayerAsync);
            routes.MapGet("/api/timedtext", (HttpContext context) => context.Request.Query["v"].ToString() switch
            {
                "captionOut1" => Results.Redirect($"{_inside.Address}timedtext?secret=1"),
                "captionBad1" => Results.Text("<html><body>Sorry</body></html>", "text/html"),
                _ => Results.Text("""{"events":[{"tStartMs":"soon","segs":5},{"tStartMs":1e300,"dDurationMs":1,"segs":[{"utf8":"x"}]},7,{"tStartMs":1000,"dDurationMs":500,"segs":[{"utf8":"Hello"}]}]}""",
                    "application/json"),
            });
        });
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("Platforms:YouTube:BaseUrl", _platform.Address.ToString())
            .UseSetting("Resilience:InnerTubeClient:Retry:MaxRetryAttempts", "1")
            .UseSetting("Resilience:InnerTubeClient:Retry:Delay", "00:00:00.010"));
        _client = _factory.CreateClient();
    }

    private async Task PlayerAsync(HttpContext context)
    {
        var request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var videoId = request?["videoId"]?.GetValue<string>() ?? "";
        switch (videoId)
        {
            case "hugeAnswer1":
                await HugeAsync(context, declareLength: false);
                return;
            case "hugeLength1":
                await HugeAsync(context, declareLength: true);
                return;
            case "htmlPlayer1":
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<!doctype html><html><body>Our systems have detected unusual traffic</body></html>");
                return;
        }
        var player = JsonNode.Parse(FixtureTemplate.Apply(await File.ReadAllTextAsync(Path.Combine(Fixtures, "player-dQw4w9WgXcQ.json")), _platform.Address))!;
        player["videoDetails"]!["videoId"] = videoId;
        if (videoId == "manyFormat1")
        {
            var formats = new JsonArray();
            for (var i = 0; i < ManyFormats; i++)
            {
                formats.Add(new JsonObject
                {
                    ["itag"] = 18,
                    ["url"] = $"{_platform.Address}videoplayback?n={i}",
                    ["mimeType"] = "video/mp4; codecs=\"avc1.42001E, mp4a.40.2\"",
                    ["width"] = 640,
                    ["height"] = 360,
                });
            }
            player["streamingData"]!["adaptiveFormats"] = formats;
        }
        foreach (var track in player["captions"]!["playerCaptionsTracklistRenderer"]!["captionTracks"]!.AsArray())
        {
            track!["baseUrl"] = $"{_platform.Address}api/timedtext?v={videoId}&lang={track["languageCode"]}";
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(player.ToJsonString());
    }

    /// <summary>A player answer that goes on for 100 MB inside one string, written as it goes (the fake holds none of it).</summary>
    private static async Task HugeAsync(HttpContext context, bool declareLength)
    {
        var head = "{\"playabilityStatus\":{\"status\":\"OK\"},\"padding\":\""u8.ToArray();
        var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
        context.Response.ContentType = "application/json";
        if (declareLength)
        {
            context.Response.ContentLength = HugeBytes;
        }
        try
        {
            await context.Response.Body.WriteAsync(head, context.RequestAborted);
            for (long sent = head.Length; sent + chunk.Length <= HugeBytes; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The service stopped reading: what the bound is for.
        }
    }

    [Theory]
    [InlineData("hugeAnswer1")]
    [InlineData("hugeLength1")]
    [InlineData("manyFormat1")]
    [InlineData("htmlPlayer1")]
    public async Task A_platform_answer_past_a_bound_is_a_small_problem(string videoId)
    {
        foreach (var path in new[] { $"/api/v2/videos/youtube/{videoId}", $"/api/v2/videos/youtube/{videoId}/formats" })
        {
            using var response = await _client.GetAsync(path);
            var body = await AssertProblemAsync(response);
            Assert.True(body.Length < 4096, $"{body.Length} bytes answered");
        }
    }

    private int PlayerCalls() => _platform.Requests.Count(r => r.Contains("/youtubei/v1/player", StringComparison.Ordinal));

    [Fact]
    public async Task A_100_MB_player_answer_leaves_memory_flat()
    {
        // The first requests fill the runtime's array pool with the buffers a 16 MiB read needs
        // (it keeps some per core); after that, more requests must hold no more.
        const int Warm = 8, Measured = 8;
        for (var i = 0; i < Warm; i++)
        {
            using var warm = await _client.GetAsync($"/api/v2/videos/youtube/hugeAnswer1?warm={i}");
            await AssertProblemAsync(warm);
        }
        var heldBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var playerCallsBefore = PlayerCalls();

        for (var i = 0; i < Measured; i++)
        {
            using var response = await _client.GetAsync($"/api/v2/videos/youtube/hugeAnswer1/formats?n={i}");
            await AssertProblemAsync(response);
        }

        // The client chain asks each client that could serve the video: every one answers 100 MB here.
        var calls = Math.Max(1, PlayerCalls() - playerCallsBefore);
        var allocatedEach = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / calls;
        var held = GC.GetTotalMemory(forceFullCollection: true) - heldBefore;
        output.WriteLine($"allocated {allocatedEach / (1024 * 1024)} MiB per player call ({calls} calls); held {held / 1024} KiB more after {Measured} more requests");
        // Read whole, each 100 MB answer would allocate several times its size; the read stops at 16 MiB per platform call.
        Assert.True(allocatedEach < 96L * 1024 * 1024, $"{allocatedEach / (1024 * 1024)} MiB allocated per player call");
        Assert.True(held < 32L * 1024 * 1024, $"{held / (1024 * 1024)} MiB more held");
    }

    [Fact]
    public async Task A_caption_track_that_redirects_inward_is_a_problem_and_inside_is_never_asked()
    {
        using var response = await _client.GetAsync("/api/v2/videos/youtube/captionOut1/captions/en");

        await AssertProblemAsync(response);
        Assert.Empty(_inside.Requests);
    }

    [Fact]
    public async Task A_caption_track_that_is_not_captions_is_a_problem()
    {
        using var response = await _client.GetAsync("/api/v2/videos/youtube/captionBad1/captions/en");

        await AssertProblemAsync(response);
    }

    [Fact]
    public async Task Cues_of_another_shape_are_passed_over_and_the_rest_served()
    {
        using var response = await _client.GetAsync("/api/v2/videos/youtube/dQw4w9WgXcQ/captions/en?fmt=srt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var srt = await response.Content.ReadAsStringAsync();
        Assert.Contains("00:00:01,000 --> 00:00:01,500\nHello", srt, StringComparison.Ordinal);
        Assert.DoesNotContain("\nx\n", srt, StringComparison.Ordinal);
    }

    private static async Task<string> AssertProblemAsync(HttpResponseMessage response) =>
        (await ProblemAssert.HasCodeAsync(response, "upstream_unavailable", HttpStatusCode.BadGateway)).GetRawText();

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _platform.DisposeAsync();
        await _inside.DisposeAsync();
    }
}

/// <summary>
/// Run alone: these tests measure the process's memory around their requests, which other tests
/// running at the same time would add to.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuringCollection
{
    public const string Name = "memory measuring";
}
