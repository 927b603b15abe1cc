using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The Redis client integration, shaped like Aspire's <c>AddRedisClient("cache")</c>: one
/// <see cref="IConnectionMultiplexer"/> from <c>ConnectionStrings:&lt;name&gt;</c>, and a health
/// check that reports a lost Redis as Degraded, because every service keeps answering from its
/// in-process cache without it.
/// </summary>
public static class RedisExtensions
{
    public static TBuilder AddRedisClient<TBuilder>(this TBuilder builder, string connectionName)
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        var checkName = $"redis-{connectionName}";

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            builder.Services.AddHealthChecks().AddCheck(checkName, () => HealthCheckResult.Degraded(
                $"No connection string 'ConnectionStrings:{connectionName}': serving from the in-process cache only."));
            return builder;
        }

        var options = ConfigurationOptions.Parse(connectionString);
        // Keep retrying in the background instead of failing the process when Redis is down,
        // and fail commands at once while disconnected so callers fall back without waiting.
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2_000);

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            checkName,
            services => new RedisHealthCheck(services.GetRequiredService<IConnectionMultiplexer>()),
            failureStatus: HealthStatus.Degraded,
            tags: ["ready"]));

        return builder;
    }

    /// <summary>
    /// Registers <c>HybridCache</c> with Redis as its second level when a connection string
    /// for <paramref name="connectionName"/> is configured, and as an in-process cache otherwise.
    /// </summary>
    public static TBuilder AddRedisHybridCache<TBuilder>(this TBuilder builder, string connectionName)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddRedisClient(connectionName);
        builder.Services.AddHybridCache();
        // A miss stays in the trace of the request that caused it (see TracedHybridCache).
        var hybridCache = builder.Services.Last(d => d.ServiceType == typeof(HybridCache));
        builder.Services.Remove(hybridCache);
        builder.Services.AddSingleton<HybridCache>(services => new TracedHybridCache(
            (HybridCache)(hybridCache.ImplementationFactory?.Invoke(services)
                          ?? hybridCache.ImplementationInstance
                          ?? ActivatorUtilities.CreateInstance(services, hybridCache.ImplementationType!))));

        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(connectionName)))
        {
            builder.Services.AddStackExchangeRedisCache(_ => { });
            // Every cache call becomes a span of the request that made it.
            var redisCache = builder.Services.Last(d => d.ServiceType == typeof(IDistributedCache));
            builder.Services.Remove(redisCache);
            builder.Services.AddSingleton<IDistributedCache>(services => new InstrumentedDistributedCache(
                (IDistributedCache)(redisCache.ImplementationFactory?.Invoke(services)
                                    ?? redisCache.ImplementationInstance
                                    ?? ActivatorUtilities.CreateInstance(services, redisCache.ImplementationType!))));
            builder.Services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((options, services) =>
            {
                options.InstanceName = $"{builder.Environment.ApplicationName}:";
                options.ConnectionMultiplexerFactory =
                    () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>());
            });
        }

        return builder;
    }
}
