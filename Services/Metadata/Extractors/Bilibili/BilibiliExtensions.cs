namespace VideoPlatform.Metadata.Extractors.Bilibili;

internal static class BilibiliExtensions
{
    public static IHostApplicationBuilder AddBilibiliExtractor(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<BilibiliOptions>(BilibiliOptions.SectionName);
        builder.Services.AddHttpClient(nameof(BilibiliClient)).AddUpstreamResilience();
        builder.Services.AddSingleton<BilibiliGuestSession>();
        builder.Services.AddSingleton<BilibiliClient>();
        builder.Services.AddSingleton<IVideoExtractor, BilibiliExtractor>();
        builder.Services.AddSingleton<IPlaylistSource, BilibiliPlaylists>();

        // The redirect is the answer: it is read and checked, never followed.
        builder.Services.AddHttpClient(BilibiliShortLinks.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        builder.Services.AddSingleton<IShortLinkResolver, BilibiliShortLinks>();
        return builder;
    }
}
