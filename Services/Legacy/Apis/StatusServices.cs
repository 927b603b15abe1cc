using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Legacy.Health;
using VideoPlatform.Legacy.Upstream;

namespace VideoPlatform.Legacy.Apis;

/// <summary>What the health, banner, metrics and meta routes use, taken in one parameter (<c>[AsParameters]</c>).</summary>
internal sealed record StatusServices(DependencyHealth Health, SupportedPlatforms Platforms, IStreamingApi Streaming, TimeProvider Time);
