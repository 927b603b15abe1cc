using System.Net;
using VideoPlatform.Legacy.Tests.Fakes;

namespace VideoPlatform.Legacy.Tests;

/// <summary>
/// With its stream cache on (as it is by default), legacy answers a video players keep loading
/// without asking metadata and streaming again each time, and many concurrent loads make one call.
/// </summary>
public sealed class RecentStreamsTests : IAsyncLifetime
{
    private const string Url = "https://youtu.be/" + FakeVideos.Short;
    private readonly LegacyFixture _fixture = new() { StreamCacheSeconds = 60 };

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task The_v3_answer_says_whether_its_stream_was_kept_and_clearing_forgets_it()
    {
        using var client = _fixture.CreateClient();
        const string Path = $"/api/v3/streaming/youtube/{FakeVideos.Long}?format=json&quality=480p";

        async Task<bool> CachedAsync() =>
            System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(Path)).RootElement.GetProperty("cached").GetBoolean();

        var first = await CachedAsync();
        var second = await CachedAsync();
        using var cleared = await client.DeleteAsync($"/api/v3/streaming/cache?platform=youtube&video_id={FakeVideos.Long}");
        var afterClearing = await CachedAsync();

        Assert.Equal((false, true, HttpStatusCode.NoContent, false), (first, second, cleared.StatusCode, afterClearing));
    }

    [Fact]
    public async Task Repeated_and_concurrent_loads_of_one_video_resolve_it_once()
    {
        using var client = _fixture.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await client.GetAsync($"/api/vrchat/stream?url={Url}&player=avpro");
            return (response.StatusCode, Location: response.Headers.Location?.ToString());
        }));
        using (var again = await client.GetAsync($"/api/vrchat/stream?url={Url}&player=avpro"))
        {
            Assert.Equal(answers[0].Location, again.Headers.Location?.ToString());
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Single(answers.Select(a => a.Location).Distinct());
        Assert.StartsWith(LegacyFixture.CdnBase, answers[0].Location);
        Assert.Single(_fixture.Streaming.PathsAsked, r => r.StartsWith($"/api/v2/stream/direct/youtube/{FakeVideos.Short}", StringComparison.Ordinal));
        Assert.Single(_fixture.Metadata.PathsAsked, r => r.StartsWith("/api/v2/resolve", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_player_or_quality_is_resolved_on_its_own()
    {
        using var client = _fixture.CreateClient();

        (await client.GetAsync($"/api/vrchat/stream?url={Url}&player=avpro")).Dispose();
        (await client.GetAsync($"/api/vrchat/stream?url={Url}&player=unity")).Dispose();
        (await client.GetAsync($"/api/vrchat/stream?url={Url}&player=unity&quality=480p")).Dispose();

        Assert.Equal(3, _fixture.Streaming.PathsAsked.Count(r => r.StartsWith("/api/v2/stream/direct/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_video_that_cannot_be_played_is_not_kept_as_a_stream()
    {
        using var client = _fixture.CreateClient();

        using var first = await client.GetAsync($"/api/vrchat/stream?url=https://youtu.be/{FakeVideos.Dead}");
        using var second = await client.GetAsync($"/api/vrchat/stream?url=https://youtu.be/{FakeVideos.Dead}");

        Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
    }
}
