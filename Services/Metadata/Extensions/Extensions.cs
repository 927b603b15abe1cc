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
        builder.Services.KeepJsonFastPath();

        builder.Services.AddValidatedOptions<MetadataCacheOptions>(MetadataCacheOptions.SectionName);
        builder.Services.AddSingleton<VideoCache>();
        builder.Services.AddSingleton<ExtractorRegistry>();
        // Whatever a platform answers is read up to a bound, by every client of this service.
        builder.Services.AddTransient<BoundedResponseHandler>();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<BoundedResponseHandler>());
        // Caption URLs come from the platform's answer and are checked before the request; a
        // redirect would take the request past that check, so none is followed.
        builder.Services.AddHttpClient("captions")
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        builder.Services.AddSingleton<PlatformCookies>();
        builder.AddYouTubeExtractor();
        builder.AddBilibiliExtractor();
        builder.AddSocialExtractors();
    }

    /// <summary>Twitch, Twitter/X and Instagram.</summary>
    private static void AddSocialExtractors(this IHostApplicationBuilder builder)
    {
        builder.AddTwitchExtractor();
        builder.AddTwitterExtractor();
        builder.AddInstagramExtractor();
    }
}
