using VideoPlatform.TestSupport.Media;
using VideoPlatform.TestSupport.YouTube;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// The whole composition in front of a fake YouTube whose media URLs lead to a fake CDN serving a
/// real H.264/AAC MP4 made by ffmpeg: what a player at the end of the chain would meet.
/// </summary>
public sealed class PlaybackComposition : IAsyncLifetime
{
    public FakeCdn Cdn { get; private set; } = null!;
    public FakeYouTube YouTube { get; private set; } = null!;
    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var media = await MediaFiles.ProgressiveMp4Async();
        Cdn = await FakeCdn.StartAsync();
        Cdn.Add("videoplayback", media);
        YouTube = await FakeYouTube.StartAsync(Cdn.Address);

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        builder.CreateResourceBuilder<ProjectResource>("metadata")
            .WithEnvironment("Platforms__YouTube__BaseUrl", YouTube.BaseUrl.ToString());
        builder.CreateResourceBuilder<ProjectResource>("streaming")
            .WithEnvironment("Streaming__AllowedMediaHosts__0", "127.0.0.1")
            .WithEnvironment("Streaming__AllowPrivateAddresses", "true");
        App = await builder.BuildAsync();
        await App.StartAsync();
        using var timeout = new CancellationTokenSource(CompositionFixture.StartTimeout);
        foreach (var name in new[] { "metadata", "streaming", "legacy" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
        }
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await YouTube.DisposeAsync();
        await Cdn.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PlaybackCollection : ICollectionFixture<PlaybackComposition>
{
    public const string Name = "playback";
}
