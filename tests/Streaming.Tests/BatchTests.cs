using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Contracts;

namespace VideoPlatform.Streaming.Tests;

[Collection(StreamingCollection.Name)]
public sealed class BatchTests(StreamingFixture streaming)
{
    [Fact]
    public async Task A_batch_answers_each_entry_with_its_stream_or_its_problem()
    {
        object[] items =
        [
            new { platform = "youtube", video_id = "vid00000001", quality = "720p" },
            new { url = "https://youtu.be/expiring001" },
            new { platform = "youtube", video_id = "removedVid1" },
            new { platform = "youtube", video_id = "not an id!" },
            new { url = "https://example.com/not-a-video" },
            new { platform = "youtube", video_id = "vid00000001", format = "best[height>5000]" },
        ];

        using var response = await streaming.Client.PostAsJsonAsync("/api/v2/stream/batch", items);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var batch = body.GetProperty("batch_results");
        var results = batch.GetProperty("results").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        // Keyed as the seed did, in request order; the same video asked twice keeps both answers.
        Assert.Equal(["youtube:vid00000001", "youtube:expiring001", "youtube:removedVid1", "youtube:not an id!", "https://example.com/not-a-video", "youtube:vid00000001#2"], results.Keys);
        Assert.Equal((6, 2, 4), (batch.GetProperty("total").GetInt32(), batch.GetProperty("successful").GetInt32(), batch.GetProperty("failed").GetInt32()));
        Assert.Equal((6, 4), (body.GetProperty("total_requests").GetInt32(), body.GetProperty("valid_requests").GetInt32()));

        var first = results["youtube:vid00000001"];
        Assert.True(first.GetProperty("success").GetBoolean());
        Assert.Equal("18", first.GetProperty("data").GetProperty("format").GetProperty("format_id").GetString());
        Assert.EndsWith("/media/progressive.mp4", first.GetProperty("data").GetProperty("stream_url").GetString());
        Assert.EndsWith("/media/expiring.mp4", results["youtube:expiring001"].GetProperty("data").GetProperty("stream_url").GetString());

        Assert.Equal((false, ErrorCodes.VideoUnavailable, 404), Problem(results["youtube:removedVid1"]));
        Assert.Equal((false, ErrorCodes.InvalidVideoId, 400), Problem(results["youtube:not an id!"]));
        Assert.Equal((false, ErrorCodes.InvalidUrl, 400), Problem(results["https://example.com/not-a-video"]));
        Assert.Equal((false, ErrorCodes.NoMatchingFormat, 404), Problem(results["youtube:vid00000001#2"]));
        Assert.False(string.IsNullOrEmpty(results["youtube:removedVid1"].GetProperty("error").GetString()));
    }

    [Fact]
    public async Task A_batch_resolves_a_few_entries_at_a_time_but_never_more()
    {
        var items = Enumerable.Range(1, 9).Select(i => new { platform = "youtube", video_id = $"batch{i:D7}" }).ToArray();

        using var response = await streaming.Client.PostAsJsonAsync("/api/v2/stream/batch", items);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var batch = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch_results");
        Assert.Equal(9, batch.GetProperty("successful").GetInt32());
        // The fake metadata holds every request until BatchConcurrency are in flight together.
        Assert.Equal(StreamingFixture.BatchConcurrency, streaming.MostBatchCallsAtOnce);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task An_empty_or_oversized_batch_is_a_problem(int count)
    {
        var items = Enumerable.Range(0, count).Select(_ => new { platform = "youtube", video_id = "vid00000001" }).ToArray();

        using var response = await streaming.Client.PostAsJsonAsync("/api/v2/stream/batch", items);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorCodes.InvalidRequest, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_batch_without_one_valid_entry_is_a_problem()
    {
        using var response = await streaming.Client.PostAsJsonAsync("/api/v2/stream/batch", new object[] { new { platform = "youtube" }, new { quality = "720p" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorCodes.InvalidRequest, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Cache_stats_count_the_videos_held_and_the_hits_and_misses()
    {
        var before = (await streaming.Client.GetFromJsonAsync<JsonElement>("/api/v2/stream/cache/stats")).GetProperty("cache_stats");

        (await streaming.Client.GetAsync("/api/v2/stream/direct/youtube/cachestats01")).EnsureSuccessStatusCode();
        (await streaming.Client.GetAsync("/api/v2/stream/direct/youtube/cachestats01?quality=360p")).EnsureSuccessStatusCode();
        var body = await streaming.Client.GetFromJsonAsync<JsonElement>("/api/v2/stream/cache/stats");

        var after = body.GetProperty("cache_stats");
        Assert.Equal(before.GetProperty("cache_misses").GetInt64() + 1, after.GetProperty("cache_misses").GetInt64());
        Assert.Equal(before.GetProperty("cache_hits").GetInt64() + 1, after.GetProperty("cache_hits").GetInt64());
        Assert.Equal(before.GetProperty("total_cached_streams").GetInt32() + 1, after.GetProperty("total_cached_streams").GetInt32());
        Assert.True(after.GetProperty("platform_breakdown").GetProperty("youtube").GetInt32() >= 1);
        Assert.InRange(after.GetProperty("cache_hit_rate").GetDouble(), 0.01, 100);
        Assert.Equal(300, after.GetProperty("ttl_seconds").GetDouble());
        Assert.True(body.TryGetProperty("timestamp", out _));
    }

    private static (bool, string?, int) Problem(JsonElement result) =>
        (result.GetProperty("success").GetBoolean(), result.GetProperty("code").GetString(), result.GetProperty("status").GetInt32());
}
