using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Metadata.Captions;
using VideoPlatform.Metadata.Extractors;

namespace VideoPlatform.Metadata.Tests;

/// <summary>
/// Every platform's captions, playlists, channels and search are reached through the same
/// interfaces, which the endpoints dispatch on by platform name alone: YouTube is one of them,
/// not a case of its own.
/// </summary>
public sealed class PlatformSeamsTests : IDisposable
{
    private readonly WebApplicationFactory<Program> _factory = new();

    [Fact]
    public void Youtube_and_bilibili_serve_their_playlists_captions_and_search_through_the_shared_interfaces()
    {
        var services = _factory.Services;
        var registry = services.GetRequiredService<ExtractorRegistry>();

        Assert.Equal(["bilibili", "youtube"], services.GetServices<IPlaylistSource>().Select(s => s.Platform).Order());
        Assert.Contains("youtube", services.GetServices<ISearchSource>().Select(s => s.Platform));
        Assert.Contains("youtube", services.GetServices<IChannelSource>().Select(s => s.Platform));
        Assert.True(registry.TryGet("youtube", out var youtube) && youtube is ICaptionReader);
        Assert.True(registry.TryGet("bilibili", out var bilibili) && bilibili is ICaptionReader);
    }

    [Fact]
    public void A_bare_video_id_goes_to_the_one_platform_that_claims_bare_ids()
    {
        var registry = _factory.Services.GetRequiredService<ExtractorRegistry>();

        Assert.Equal(["youtube"], registry.All.Where(e => e.ClaimsBareVideoIds).Select(e => e.Platform.Name));
        Assert.Equal("youtube", registry.Resolve("dQw4w9WgXcQ").Platform);
    }

    public void Dispose() => _factory.Dispose();
}
