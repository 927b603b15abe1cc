namespace VideoPlatform.Metadata.Extractors.YouTube;

internal static class YouTubeExtensions
{
    public static IHostApplicationBuilder AddYouTubeExtractor(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<YouTubeOptions>(YouTubeOptions.SectionName);
        builder.Services.AddHttpClient(nameof(InnerTubeClient)).AddUpstreamResilience();
        builder.Services.AddSingleton<InnerTubeClient>();
        builder.Services.AddSingleton<YouTubeVisitorData>();
        // The provider is a local service: one try within its timeout, then the token-free clients.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental
        builder.Services.AddHttpClient(nameof(YouTubePoTokens)).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddSingleton<YouTubePoTokens>();
        builder.Services.AddSingleton<YouTubeSignatureTimestamps>();
        builder.Services.AddSingleton<YouTubeClientChain>();
        builder.Services.AddHttpClient(nameof(YouTubePlayerScripts));
        builder.Services.AddValidatedOptions<PlayerSolverOptions>(PlayerSolverOptions.SectionName);
        builder.Services.AddSingleton<SolvedPlayerStore>();
        builder.Services.AddSingleton<YouTubePlayerScripts>();
        builder.Services.AddSingleton<YouTubeMixes>();
        builder.Services.AddSingleton<YouTubeChannelVideos>();
        builder.Services.AddSingleton<YouTubePlaylists>();
        builder.Services.AddSingleton<IPlaylistSource>(services => services.GetRequiredService<YouTubePlaylists>());
        builder.Services.AddSingleton<ISearchSource, YouTubeSearch>();
        builder.Services.AddSingleton<IChannelSource, YouTubeChannels>();
        builder.Services.AddSingleton<YouTubeTimedText>();
        builder.Services.AddSingleton<YouTubeWatchNext>();
        builder.Services.AddSingleton<IVideoExtractor, YouTubeExtractor>();
        return builder;
    }
}
