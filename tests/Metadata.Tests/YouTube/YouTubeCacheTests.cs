using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.TestSupport;
using VideoPlatform.TestSupport.YouTube;

namespace VideoPlatform.Metadata.Tests.YouTube;

[Collection(PlayerSolvingCollection.Name)]
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
    public async Task Two_instances_share_the_redis_level_and_answer_the_bytes_it_holds()
    {
        await using var first = Instance();
        await using var second = Instance();
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();

        var fromUpstream = await firstClient.GetStringAsync("/api/v2/videos/youtube/fallbackVd1");
        var callsAfterFirst = _youtube.CallsFor("fallbackVd1");
        // HybridCache writes Redis in the background: wait until the entry is there, then ask the other instance.
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var keys = await Wait.UntilAsync("Redis to hold fallbackVd1", _ => Task.FromResult(server.Keys(pattern: "*video:youtube:fallbackVd1*").ToArray()),
            found => found.Length > 0);
        var fromRedis = await secondClient.GetStringAsync("/api/v2/videos/youtube/fallbackVd1");

        Assert.Equal(fromUpstream, fromRedis);
        Assert.Equal(callsAfterFirst, _youtube.CallsFor("fallbackVd1"));
        // Redis holds the answer's own JSON (contract names), not a reflection copy of the record.
        var held = System.Text.Encoding.UTF8.GetString((byte[])(await connection.GetDatabase().HashGetAsync(keys[0], "data"))!);
        Assert.Contains("\"value\":" + fromUpstream, held);
        Assert.Contains("\"cached_at\":", held);
        Assert.DoesNotContain("\"Value\"", held);
    }

    [Fact]
    public async Task An_extraction_is_answered_without_waiting_for_its_redis_write_which_follows()
    {
        _youtube.AnyIdLike = "dQw4w9WgXcQ";
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var metadata = Instance().WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        {
            var redisLevel = services.Last(d => d.ServiceType == typeof(IDistributedCache));
            services.Remove(redisLevel);
            services.AddSingleton<IDistributedCache>(provider => new HeldWrites((IDistributedCache)redisLevel.ImplementationFactory!(provider), release.Task));
        }));
        using var client = metadata.CreateClient();
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var server = connection.GetServer(connection.GetEndPoints()[0]);

        // Redis's write is held back until released: an answer that waited for it would never come.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var answer = await client.GetAsync("/api/v2/videos/youtube/writeBehind", patience.Token);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.Empty(server.Keys(pattern: "*video:youtube:writeBehind*"));

        release.SetResult();
        await Wait.UntilAsync("Redis to hold writeBehind once released", () => server.Keys(pattern: "*video:youtube:writeBehind*").Any());
        Assert.Equal(1, _youtube.CallsFor("writeBehind"));
    }

    /// <summary>Redis's level with its writes held until <paramref name="release"/> completes.</summary>
    private sealed class HeldWrites(IDistributedCache inner, Task release) : IDistributedCache
    {
        public byte[]? Get(string key) => inner.Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
        {
            release.Wait();
            inner.Set(key, value, options);
        }

        public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            await release.WaitAsync(token);
            await inner.SetAsync(key, value, options, token);
        }

        public void Refresh(string key) => inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

        public void Remove(string key) => inner.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);
    }

    [Fact]
    public async Task An_entry_redis_holds_in_an_older_format_is_extracted_again_not_an_error()
    {
        // As the service before this one wrote it: HybridCache's default serialiser (.NET's
        // reflection JSON, PascalCase), under the same key.
        var services = new ServiceCollection();
        services.AddHybridCache();
        services.AddStackExchangeRedisCache(options =>
        {
            options.Configuration = redis.ConnectionString;
            options.InstanceName = "Metadata:";
        });
        await using (var provider = services.BuildServiceProvider())
        {
            var older = provider.GetRequiredService<Microsoft.Extensions.Caching.Hybrid.HybridCache>();
            var stale = new Caching.CachedResult<VideoInfo>(new VideoInfo { Id = "olderFormat", Platform = "youtube", Title = "From an older format" },
                null, null, DateTimeOffset.UtcNow);
            await older.SetAsync("video:youtube:olderFormat", stale);
        }

        _youtube.AnyIdLike = "dQw4w9WgXcQ";
        await using var metadata = Instance();
        using var client = metadata.CreateClient();
        using var response = await client.GetAsync("/api/v2/videos/youtube/olderFormat");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var info = await response.Content.ReadFromJsonAsync<VideoInfo>(ContractJson.Options);
        Assert.NotEqual("From an older format", info!.Title);
        Assert.Equal(1, _youtube.CallsFor("olderFormat"));
    }

    [Fact]
    public async Task Two_instances_share_the_solved_player_so_base_js_is_fetched_once()
    {
        // A version no other test of this class (sharing its Redis) has had a player client load.
        _youtube.PlayerVersion = "9e3a7c51";
        await using var first = Instance();
        await using var second = Instance();
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();

        var fromFirst = await firstClient.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/cipheredVid/formats", ContractJson.Options);
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        await Wait.UntilAsync("Redis to hold the solved player 9e3a7c51", () => server.Keys(pattern: "*youtube:player-solved:*:9e3a7c51").Any());
        var fromSecond = await secondClient.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/cipheredVd2/formats", ContractJson.Options);

        Assert.Contains("&sig=", fromFirst!.Formats.Single(f => f.FormatId == "137").Url);
        Assert.Contains("&sig=", fromSecond!.Formats.Single(f => f.FormatId == "137").Url);
        Assert.Single(_youtube.Requests, r => r.Contains("/base.js", StringComparison.Ordinal));
    }
}
