using Microsoft.AspNetCore.Mvc;
using VideoPlatform.Legacy.Upstream;

namespace VideoPlatform.Legacy.Apis;

/// <summary>The <c>{platform}/{videoId}</c> of a legacy route.</summary>
internal sealed record VideoPath([FromRoute(Name = "platform")] string Platform, [FromRoute(Name = "videoId")] string VideoId)
{
    public LocatedVideo ToVideo() => new(Platform, VideoId);
}
