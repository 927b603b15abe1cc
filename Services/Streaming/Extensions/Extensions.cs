using VideoPlatform.Contracts;
using VideoPlatform.Streaming.Batch;
using VideoPlatform.Streaming.Dash;
using VideoPlatform.Streaming.Downloads;
using VideoPlatform.Streaming.Hls;
using VideoPlatform.Streaming.Metrics;
using VideoPlatform.Streaming.Proxy;
using VideoPlatform.Streaming.Resolution;
using VideoPlatform.Streaming.Signing;

namespace VideoPlatform.Streaming.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisHybridCache("cache");
        builder.Services.ConfigureHttpJsonOptions(options => ContractJson.Configure(options.SerializerOptions));
        builder.Services.KeepJsonFastPath();

        builder.Services.AddMetadataApi();
        builder.Services.AddSingleton<StreamMetricsCollector>();
        builder.Services.AddValidatedOptions<StreamingOptions>(StreamingOptions.SectionName);
        builder.Services.AddSingleton<StreamResolver>();
        builder.Services.AddSingleton<StreamBatch>();
        builder.Services.AddSingleton<MediaHostPolicy>();
        builder.Services.AddSingleton<BodyCopier>();
        builder.Services.AddSingleton<MediaProxy>();
        builder.Services.AddSingleton<TokenSigningKeys>();
        builder.Services.AddSingleton<SegmentTokens>();
        builder.Services.AddSingleton<SegmentServer>();
        builder.Services.AddSingleton<DashManifestWriter>();
        builder.Services.AddValidatedOptions<DownloadOptions>(DownloadOptions.SectionName);
        builder.Services.AddSingleton<DownloadStore>();
        builder.Services.AddSingleton<DownloadAccess>();
        builder.Services.AddSingleton<DownloadRelay>();
        builder.Services.AddSingleton<DownloadWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DownloadWorker>());

        // Media bytes: no retries or 10-second attempt timeout (they would cut long streams), no
        // automatic redirects (each hop is checked against the allow-list), no draining of abandoned bodies, connections only to
        // public addresses unless configured otherwise.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental
        builder.Services.AddHttpClient(MediaProxy.ClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .RemoveAllResilienceHandlers()
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = System.Net.DecompressionMethods.None,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // A body the client abandoned is cut, not drained to keep the connection: the
                // CDN stops sending at once (a chunk in flight is up to 10 MiB).
                MaxResponseDrainSize = 0,
                ConnectCallback = services.GetRequiredService<MediaHostPolicy>().ConnectAsync,
            });
#pragma warning restore EXTEXP0001
    }
}
