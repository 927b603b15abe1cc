namespace VideoPlatform.Metadata.Extractors.Instagram;

internal static class InstagramExtensions
{
    public static IHostApplicationBuilder AddInstagramExtractor(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<InstagramOptions>(InstagramOptions.SectionName);
        // Instagram answers a session it does not accept with a redirect to its login page: that
        // redirect is the answer, not something to follow.
        builder.Services.AddHttpClient(nameof(InstagramExtractor))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        builder.Services.AddSingleton<IVideoExtractor, InstagramExtractor>();
        return builder;
    }
}
