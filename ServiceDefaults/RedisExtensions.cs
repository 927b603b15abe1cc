using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Redis for the platform's services: Aspire's client integration (<c>AddRedisClient</c>: one
/// <see cref="IConnectionMultiplexer"/>, its health check and tracing) with two rules of ours. A
/// lost Redis is Degraded, not Unhealthy, because every service keeps answering from its
/// in-process cache without it (and an orchestrator must not pull a pod that serves); and no
/// connection string at all is a Degraded service, not a failure at start.
/// </summary>
public static class RedisExtensions
{
    /// <summary>The client, or a Degraded health check saying why there is none.</summary>
    public static TBuilder AddOptionalRedisClient<TBuilder>(this TBuilder builder, string connectionName)
        where TBuilder : IHostApplicationBuilder
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(connectionName)))
        {
            builder.Services.AddHealthChecks().AddCheck($"redis-{connectionName}", () => HealthCheckResult.Degraded(
                $"No connection string 'ConnectionStrings:{connectionName}': serving from the in-process cache only."));
            return builder;
        }

        builder.AddRedisClient(connectionName, configureOptions: options =>
        {
            // Keep retrying in the background instead of failing the process when Redis is down,
            // and fail commands at once while disconnected so callers fall back without waiting.
            options.AbortOnConnectFail = false;
            options.BacklogPolicy = BacklogPolicy.FailFast;
            options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2_000);
        });
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var check in options.Registrations.Where(r => r.Name.StartsWith("StackExchange.Redis", StringComparison.Ordinal)))
            {
                check.FailureStatus = HealthStatus.Degraded;
            }
        });

        return builder;
    }

    /// <summary>
    /// Registers <c>HybridCache</c> with Redis as its second level when a connection string
    /// for <paramref name="connectionName"/> is configured, and as an in-process cache otherwise.
    /// </summary>
    public static TBuilder AddRedisHybridCache<TBuilder>(this TBuilder builder, string connectionName)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddOptionalRedisClient(connectionName);
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
