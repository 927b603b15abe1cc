using VideoPlatform.Contracts;
using VideoPlatform.Legacy.Health;
using VideoPlatform.Legacy.Vrchat;

namespace VideoPlatform.Legacy.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => ContractJson.Configure(options.SerializerOptions));

        builder.Services.AddMetadataApi();
        builder.Services.AddStreamingApi();
        builder.Services.AddDependencyHealth();
        builder.Services.Configure<LegacyOptions>(builder.Configuration.GetSection("Legacy"));
        builder.Services.AddSingleton<LegacyStreams>();
        builder.Services.AddMemoryCache(cache => cache.SizeLimit = 10_000);
    }
}
