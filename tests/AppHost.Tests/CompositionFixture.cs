using VideoPlatform.TestSupport.Media;
using VideoPlatform.TestSupport.YouTube;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// The real composition (redis-server and the three services, under DCP), started once for every
/// test that can share it, from the AppHost's own declaration. YouTube and its CDN are fakes on
/// loopback serving a real H.264/AAC MP4 made by ffmpeg; metadata and streaming run two replicas
/// each, as a scaled-out deployment would.
/// </summary>
public sealed class CompositionFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    public static readonly string[] Resources = ["cache", "metadata", "streaming", "legacy"];

    public FakeCdn Cdn { get; private set; } = null!;
    public FakeYouTube YouTube { get; private set; } = null!;
    /// <summary>
    /// A PO token provider, so that the muxed itag 18 (from a client whose media need a token) is
    /// among the formats, as it is for an operator who runs one.
    /// </summary>
    public FakePoTokenProvider PoTokens { get; private set; } = null!;
    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var media = await MediaFiles.ProgressiveMp4Async();
        Cdn = await FakeCdn.StartAsync();
        Cdn.Add("videoplayback", media);
        YouTube = await FakeYouTube.StartAsync(Cdn.Address);
        PoTokens = await FakePoTokenProvider.StartAsync();

        var builder = await Composition.CreateBuilderAsync();
        Composition.UseFakeYouTube(builder, YouTube, PoTokens);
        builder.CreateResourceBuilder<ProjectResource>("metadata").WithReplicas(2);
        builder.CreateResourceBuilder<ProjectResource>("streaming").WithReplicas(2);
        App = await Composition.StartAsync(builder, Resources);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await YouTube.DisposeAsync();
        await PoTokens.DisposeAsync();
        await Cdn.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class CompositionCollection : ICollectionFixture<CompositionFixture>
{
    public const string Name = "composition";
}
