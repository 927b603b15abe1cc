using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.TestSupport;
using VideoPlatform.TestSupport.YouTube;

namespace VideoPlatform.Metadata.Tests.YouTube;

public sealed class YouTubeCacheTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private FakeYouTube _youtube = null!;

    public async Task InitializeAsync() => _youtube = await FakeYouTube.StartAsync();

    public async Task DisposeAsync() => await _youtube.DisposeAsync();

    private WebApplicationFactory<Program> Instance() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("Platforms:YouTube:BaseUrl", _youtube.BaseUrl.ToString())
            .UseSetting("ConnectionStrings:cache", redis.ConnectionString));

    [Fact]
    public async Task Concurrent_requests_for_one_uncached_video_make_one_upstream_call()
    {
        _youtube.Latency = TimeSpan.FromMilliseconds(300);
        await using var metadata = Instance();
        using var client = metadata.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/youtube/shortsVideo", ContractJson.Options)));

        Assert.All(answers, a => Assert.Equal("Wait for it #shorts", a!.Title));
        Assert.Equal(1, _youtube.CallsFor("shortsVideo"));
    }

    [Fact]
    public async Task Formats_asked_after_the_info_come_from_the_cached_info_not_a_second_extraction()
    {
        await using var metadata = Instance();
        using var client = metadata.CreateClient();

        var info = await client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/youtube/liveStream1", ContractJson.Options);
        var formats = await client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/liveStream1/formats", ContractJson.Options);

        Assert.Equal(1, _youtube.CallsFor("liveStream1"));
        Assert.Equal(info!.Formats, formats!.Formats);
        Assert.True(formats.IsLive);
        Assert.EndsWith("/id/liveStream1/file/index.m3u8", formats.HlsManifestUrl);
        Assert.Equal(info.HlsManifestUrl, formats.HlsManifestUrl);
        Assert.Contains("/api/manifest/dash/", formats.DashManifestUrl);
        Assert.Equal(info.ExpiresAt, formats.ExpiresAt);

        // The other way round the info still needs its own extraction (it has more than the formats).
        await client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/dQw4w9WgXcQ/formats", ContractJson.Options);
        await client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/youtube/dQw4w9WgXcQ", ContractJson.Options);
        Assert.Equal(2, _youtube.CallsFor("dQw4w9WgXcQ"));
    }

    [Fact]
    public async Task Two_instances_share_the_redis_level()
    {
        await using var first = Instance();
        await using var second = Instance();
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();

        var fromUpstream = await firstClient.GetFromJsonAsync<VideoInfo>("/api/v2/videos/youtube/fallbackVd1", ContractJson.Options);
        var callsAfterFirst = _youtube.CallsFor("fallbackVd1");
        // HybridCache writes Redis in the background: wait until the entry is there, then ask the other instance.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        while (!server.Keys(pattern: "*video:youtube:fallbackVd1*").Any())
        {
            await Task.Delay(20, deadline.Token);
        }
        var fromRedis = await secondClient.GetFromJsonAsync<VideoInfo>("/api/v2/videos/youtube/fallbackVd1", ContractJson.Options, deadline.Token);

        Assert.Equal(fromUpstream!.Title, fromRedis!.Title);
        Assert.Equal(callsAfterFirst, _youtube.CallsFor("fallbackVd1"));
    }

    [Fact]
    public async Task Two_instances_share_the_player_transforms_so_base_js_is_fetched_once()
    {
        await using var first = Instance();
        await using var second = Instance();
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();

        var fromFirst = await firstClient.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/cipheredVid/formats", ContractJson.Options);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        while (!server.Keys(pattern: "*youtube:player:4fcd6e4a*").Any())
        {
            await Task.Delay(20, deadline.Token);
        }
        var fromSecond = await secondClient.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/cipheredVd2/formats", ContractJson.Options, deadline.Token);

        Assert.Contains("&sig=", fromFirst!.Formats.Single(f => f.FormatId == "137").Url);
        Assert.Contains("&sig=", fromSecond!.Formats.Single(f => f.FormatId == "137").Url);
        Assert.Single(_youtube.Requests, r => r.Contains("/base.js", StringComparison.Ordinal));
    }
}
