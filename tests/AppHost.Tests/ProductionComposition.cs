using VideoPlatform.TestSupport;
using VideoPlatform.TestSupport.Media;
using VideoPlatform.TestSupport.YouTube;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// The AppHost's composition as deploy/k8s runs it: every service in Production (security on,
/// rate limits at their defaults), forwarded-headers handling switched on by the environment, the
/// internal key the AppHost generates, and no public API keys. Legacy is reached without DCP's
/// proxy in front, so that it sees each player's own address, as behind a trusted ingress.
/// YouTube and its CDN are fakes on loopback; YouTube answers any id with the recorded answer of
/// dQw4w9WgXcQ, so that any number of distinct videos can be extracted.
/// </summary>
public sealed class ProductionComposition : IAsyncLifetime
{
    /// <summary>The recorded video every other id is answered like (<see cref="FakeYouTube.AnyIdLike"/>).</summary>
    public const string RecordedVideo = "dQw4w9WgXcQ";

    public static readonly string[] Services = ["metadata", "streaming", "legacy"];

    public FakeCdn Cdn { get; private set; } = null!;
    public FakeYouTube YouTube { get; private set; } = null!;
    /// <summary>A PO token provider, so that the muxed itag 18, the one format a world player plays, is offered.</summary>
    public FakePoTokenProvider PoTokens { get; private set; } = null!;
    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Legacy's own listening address, not a proxy's.</summary>
    public Uri Legacy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var media = await MediaFiles.ProgressiveMp4Async();
        Cdn = await FakeCdn.StartAsync();
        Cdn.Add("videoplayback", media);
        YouTube = await FakeYouTube.StartAsync(Cdn.Address);
        YouTube.AnyIdLike = RecordedVideo;
        PoTokens = await FakePoTokenProvider.StartAsync();

        var builder = await Composition.CreateBuilderAsync();
        foreach (var name in Services)
        {
            // What the ConfigMaps of deploy/k8s set for every service.
            builder.CreateResourceBuilder<ProjectResource>(name)
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Production")
                .WithEnvironment("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true");
        }
        Composition.UseFakeYouTube(builder, YouTube, PoTokens);
        var port = FreePort.Next();
        builder.CreateResourceBuilder<ProjectResource>("legacy")
            .WithEndpoint("http", endpoint =>
            {
                endpoint.IsProxied = false;
                endpoint.Port = port;
            });
        App = await Composition.StartAsync(builder, ["cache", .. Services]);
        Legacy = new Uri($"http://127.0.0.1:{port}/");
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await YouTube.DisposeAsync();
        await PoTokens.DisposeAsync();
        await Cdn.DisposeAsync();
    }
}
