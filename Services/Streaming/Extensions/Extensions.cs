using VideoPlatform.Contracts;
using VideoPlatform.Streaming.Metrics;

namespace VideoPlatform.Streaming.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisHybridCache("cache");
        builder.Services.ConfigureHttpJsonOptions(options => ContractJson.Configure(options.SerializerOptions));

        builder.Services.AddMetadataApi();
        builder.Services.AddSingleton<StreamMetricsCollector>();
    }
}
