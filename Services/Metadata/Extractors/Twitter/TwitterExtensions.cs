namespace VideoPlatform.Metadata.Extractors.Twitter;

internal static class TwitterExtensions
{
    public static IHostApplicationBuilder AddTwitterExtractor(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TwitterOptions>().BindConfiguration(TwitterOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(nameof(TwitterExtractor)).AddUpstreamResilience();
        builder.Services.AddSingleton<IVideoExtractor, TwitterExtractor>();
        return builder;
    }
}
