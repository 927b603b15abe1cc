using Refit;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Legacy;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Legacy.Downloads;
using VideoPlatform.Legacy.Forwarding;
using VideoPlatform.Legacy.Health;
using VideoPlatform.Legacy.Options;
using VideoPlatform.Legacy.Streams;
using VideoPlatform.Legacy.Upstream;

namespace VideoPlatform.Legacy.Extensions;

internal static class Extensions
{
    // The standard resilience handler (from ServiceDefaults: retries from 250 ms, under two seconds
    // in all) stays: each retry is resolved afresh, so a lost replica costs a retry, not a request.
    // Each attempt still ends at CallTimeout with the service named.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<LegacyOptions>(LegacyOptions.Section);
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            ContractJson.Configure(options.SerializerOptions);
            // Old clients read fields that are null ("description": null) as present; keep them.
            options.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never;
        });

        builder.Services.AddGeneratedClient<IMetadataApi>("metadata")
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(() => new DependencyFailureHandler("metadata", CallTimeout));
        builder.Services.AddGeneratedClient<IStreamingApi>("streaming")
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(() => new DependencyFailureHandler("streaming", CallTimeout));
        builder.Services.AddGeneratedClient<ILegacyMetadataApi>("metadata")
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(() => new DependencyFailureHandler("metadata", CallTimeout));

        builder.Services.AddDependencyHealth();
        // Forwarded requests find metadata and streaming as the Refit clients do: by service discovery.
        builder.Services.AddHttpForwarderWithServiceDiscovery();
        builder.Services.AddSingleton<StreamingPublicAddress>();
        builder.Services.AddSingleton<ServiceForwarder>();
        builder.Services.AddSingleton<VideoLocator>();
        builder.Services.AddSingleton<PlayerStreams>();
        builder.Services.AddScoped<LegacyDownloads>();
        builder.Services.AddScoped<SupportedPlatforms>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<DeadVideos>();
        // Redis (the AppHost's cache) holds the rate-limit counters every replica shares; legacy's
        // own entries (resolved streams, platforms) stay in process.
        builder.AddRedisHybridCache("cache");
        builder.Services.AddSingleton<RecentStreams>();
    }

    // Refit 16 builds requests with its source generator; ContractClients' AddRefitClient needs the
    // Refit.Reflection package (not served here), so legacy registers the generated clients itself.
    private static IHttpClientBuilder AddGeneratedClient<T>(this IServiceCollection services, string service) where T : class =>
        services.AddRefitGeneratedClient<T>(ContractClients.Settings)
            .ConfigureHttpClient(client => client.BaseAddress = new Uri($"https+http://{service}"));
}
