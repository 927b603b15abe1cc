using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Legacy.Tests.Fakes;

/// <summary>Legacy under WebApplicationFactory, wired to fake metadata and streaming on loopback.</summary>
public sealed class LegacyFixture : IAsyncLifetime
{
    public const string CdnBase = "https://rr5---sn-fake.googlevideo.com";

    private WebApplicationFactory<Program>? _factory;

    public LoopbackServer Metadata { get; private set; } = null!;
    public LoopbackServer Streaming { get; private set; } = null!;
    public WebApplicationFactory<Program> Factory => _factory!;

    /// <summary>Seconds legacy keeps a resolved stream; off by default so tests see every call they cause.</summary>
    public double StreamCacheSeconds { get; init; }

    /// <summary><c>Security:InternalApiKey</c> of legacy; none by default.</summary>
    public string? InternalApiKey { get; init; }

    public async Task InitializeAsync()
    {
        Metadata = await LoopbackServer.StartAsync(FakeVideos.MapMetadata);
        Streaming = await LoopbackServer.StartAsync(app => FakeVideos.MapStreaming(app, () => CdnBase));
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("services:metadata:http:0", Metadata.Origin)
            .UseSetting("services:streaming:http:0", Streaming.Origin)
            .UseSetting("Legacy:StreamCacheSeconds", StreamCacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Security:InternalApiKey", InternalApiKey));
    }

    /// <summary>A client that does not follow redirects, as a test needs to see the 302 itself.</summary>
    public HttpClient CreateClient() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await Metadata.DisposeAsync();
        await Streaming.DisposeAsync();
    }
}
