namespace VideoPlatform.Metadata.Extractors.YouTube;

internal static class YouTubeExtensions
{
    public static IHostApplicationBuilder AddYouTubeExtractor(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<YouTubeOptions>().BindConfiguration(YouTubeOptions.SectionName);
        builder.Services.AddHttpClient(nameof(InnerTubeClient)).AddUpstreamResilience();
        builder.Services.AddSingleton<InnerTubeClient>();
        builder.Services.AddHttpClient(nameof(YouTubePlayerScripts));
        builder.Services.AddSingleton<YouTubePlayerScripts>();
        builder.Services.AddSingleton<YouTubePlaylists>();
        builder.Services.AddSingleton<YouTubeSearch>();
        builder.Services.AddSingleton<YouTubeChannels>();
        builder.Services.AddSingleton<YouTubeWatchNext>();
        builder.Services.AddSingleton<IVideoExtractor, YouTubeExtractor>();
        return builder;
    }
}
