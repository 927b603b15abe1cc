using VideoPlatform.Contracts;
using VideoPlatform.Metadata.Extractors;

namespace VideoPlatform.Metadata.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisHybridCache("cache");
        builder.Services.ConfigureHttpJsonOptions(options => ContractJson.Configure(options.SerializerOptions));

        builder.Services.AddSingleton<ExtractorRegistry>();
        builder.Services.AddExceptionHandler<PlatformExceptionHandler>();
    }
}
