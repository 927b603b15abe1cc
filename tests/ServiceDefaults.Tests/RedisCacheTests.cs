using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VideoPlatform.TestSupport;

namespace VideoPlatform.ServiceDefaults.Tests;

public sealed class RedisCacheTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private IServiceProvider CreateService(string connectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:cache", connectionString)]);
        builder.AddRedisHybridCache("cache");
        return builder.Build().Services;
    }

    [Fact]
    public async Task A_value_cached_by_one_instance_is_read_from_redis_by_another_with_a_redis_span()
    {
        var key = $"video:{Guid.NewGuid():N}";
        var firstService = CreateService(redis.ConnectionString);
        var first = firstService.GetRequiredService<HybridCache>();
        var second = CreateService(redis.ConnectionString).GetRequiredService<HybridCache>();
        var spans = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "VideoPlatform.Redis",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity.DisplayName); } },
        };
        ActivitySource.AddActivityListener(listener);

        var stored = await first.GetOrCreateAsync(key, _ => ValueTask.FromResult("from upstream"));
        // HybridCache writes its second level in the background: wait until Redis has it.
        var redisLevel = firstService.GetRequiredService<IDistributedCache>();
        await Wait.UntilAsync("Redis to hold the value", cancellationToken => redisLevel.GetAsync(key, cancellationToken));
        // Redis can show the value before the client has finished (and so stopped) its SET span.
        await Wait.UntilAsync("the redis SET span to stop", () => HasSpan("redis SET"));
        var factoryCalls = 0;
        var read = await second.GetOrCreateAsync(key, _ => { factoryCalls++; return ValueTask.FromResult("again"); });

        Assert.Equal("from upstream", stored);
        Assert.Equal("from upstream", read);
        Assert.Equal(0, factoryCalls);
        lock (spans)
        {
            Assert.Contains("redis SET", spans);
            Assert.Contains("redis GET", spans);
        }

        bool HasSpan(string name)
        {
            lock (spans)
            {
                return spans.Contains(name);
            }
        }
    }

    [Fact]
    public async Task A_miss_stays_in_the_trace_of_the_request_that_caused_it()
    {
        using var requests = new ActivitySource("VideoPlatform.Tests.Requests");
        var redisSpans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "VideoPlatform.Redis" or "VideoPlatform.Tests.Requests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { if (activity.Source.Name == "VideoPlatform.Redis") { lock (redisSpans) { redisSpans.Add(activity); } } },
        };
        ActivitySource.AddActivityListener(listener);
        var cache = CreateService(redis.ConnectionString).GetRequiredService<HybridCache>();
        var key = $"video:{Guid.NewGuid():N}";

        using var request = requests.StartActivity("GET /api/v2/videos")!;
        // A cancellable token, as every request's is: with one, HybridCache runs the miss on the thread pool.
        using var aborted = new CancellationTokenSource();
        ActivityTraceId? inFactory = null;
        await cache.GetOrCreateAsync(key, _ => { inFactory = Activity.Current?.TraceId; return ValueTask.FromResult("from upstream"); },
            cancellationToken: aborted.Token);

        // HybridCache calls the factory and reads Redis off the caller's context; both still belong to this request.
        Assert.Equal(request.TraceId, inFactory);
        lock (redisSpans)
        {
            var reads = redisSpans.Where(s => s.DisplayName == "redis GET" && (string?)s.GetTagItem("cache.key") == key).ToList();
            Assert.NotEmpty(reads);
            Assert.All(reads, read => Assert.Equal(request.TraceId, read.TraceId));
        }
    }

    [Fact]
    public async Task With_redis_unreachable_the_cache_still_answers_from_the_process()
    {
        var cache = CreateService($"127.0.0.1:{FreePort.Next()}").GetRequiredService<HybridCache>();
        var calls = 0;

        var first = await cache.GetOrCreateAsync("k", _ => { calls++; return ValueTask.FromResult(42); });
        var second = await cache.GetOrCreateAsync("k", _ => { calls++; return ValueTask.FromResult(43); });

        Assert.Equal(42, first);
        Assert.Equal(42, second);
        Assert.Equal(1, calls);
    }
}
