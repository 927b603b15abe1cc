namespace VideoPlatform.Metadata.Extractors.Twitter;

internal static class TwitterExtensions
{
    public static IHostApplicationBuilder AddTwitterExtractor(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<TwitterOptions>(TwitterOptions.SectionName);
        builder.Services.AddHttpClient(nameof(TwitterExtractor)).AddUpstreamResilience();
        builder.Services.AddSingleton<IVideoExtractor, TwitterExtractor>();
        return builder;
    }
}
