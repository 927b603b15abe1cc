namespace VideoPlatform.Metadata.Extractors.Twitch;

internal static class TwitchExtensions
{
    public static IHostApplicationBuilder AddTwitchExtractor(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<TwitchOptions>(TwitchOptions.SectionName);
        builder.Services.AddHttpClient(nameof(TwitchGqlClient)).AddUpstreamResilience();
        builder.Services.AddSingleton<TwitchGqlClient>();
        builder.Services.AddSingleton<IVideoExtractor, TwitchExtractor>();
        return builder;
    }
}
