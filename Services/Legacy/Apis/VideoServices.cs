using VideoPlatform.Contracts.Legacy;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Legacy.Forwarding;
using VideoPlatform.Legacy.Streams;
using VideoPlatform.Legacy.Upstream;

namespace VideoPlatform.Legacy.Apis;

/// <summary>What the video and stream routes use, taken in one parameter (<c>[AsParameters]</c>).</summary>
internal sealed record VideoServices(
    VideoLocator Locator, PlayerStreams Streams, ServiceForwarder Forwarder, TimeProvider Time, IServiceProvider Provider)
{
    // Typed Refit clients are built when resolved; the player redirect routes, the hottest, use neither.
    public IMetadataApi Metadata => Provider.GetRequiredService<IMetadataApi>();

    public ILegacyMetadataApi Playlists => Provider.GetRequiredService<ILegacyMetadataApi>();
}
