namespace VideoPlatform.Metadata.Extractors.Bilibili;

internal static class BilibiliExtensions
{
    public static IHostApplicationBuilder AddBilibiliExtractor(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BilibiliOptions>().BindConfiguration(BilibiliOptions.SectionName);
        builder.Services.AddHttpClient(nameof(BilibiliClient)).AddUpstreamResilience();
        builder.Services.AddSingleton<BilibiliClient>();
        builder.Services.AddSingleton<IVideoExtractor, BilibiliExtractor>();
        return builder;
    }
}
