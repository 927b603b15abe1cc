using Microsoft.Extensions.Caching.Hybrid;
using VideoPlatform.Contracts;
using VideoPlatform.Metadata.Caching;
using VideoPlatform.Metadata.Cookies;
using VideoPlatform.Metadata.Extractors;
using VideoPlatform.Metadata.Extractors.Bilibili;
using VideoPlatform.Metadata.Extractors.Instagram;
using VideoPlatform.Metadata.Extractors.Twitch;
using VideoPlatform.Metadata.Extractors.Twitter;
using VideoPlatform.Metadata.Extractors.YouTube;

namespace VideoPlatform.Metadata.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisHybridCache("cache");
        builder.Services.AddSingleton<IHybridCacheSerializerFactory, CachedResultSerializerFactory>();
        builder.Services.ConfigureHttpJsonOptions(options => ContractJson.Configure(options.SerializerOptions));

        builder.Services.AddOptions<MetadataCacheOptions>().BindConfiguration(MetadataCacheOptions.SectionName);
        builder.Services.AddSingleton<VideoCache>();
        builder.Services.AddSingleton<ExtractorRegistry>();
        builder.Services.AddHttpClient("captions");
        builder.Services.AddSingleton<PlatformCookies>();
        builder.AddYouTubeExtractor();
        builder.AddBilibiliExtractor();
        builder.AddSocialExtractors();
        builder.Services.AddExceptionHandler<PlatformExceptionHandler>();
    }

    /// <summary>Twitch, Twitter/X and Instagram.</summary>
    private static void AddSocialExtractors(this IHostApplicationBuilder builder)
    {
        builder.AddTwitchExtractor();
        builder.AddTwitterExtractor();
        builder.AddInstagramExtractor();
    }
}
