using Microsoft.AspNetCore.Mvc;
using VideoPlatform.Contracts.Streaming;

namespace VideoPlatform.Streaming.Apis;

/// <summary>The query every stream route understands.</summary>
internal sealed record StreamQuery(
    [FromQuery(Name = "quality")] string? Quality,
    [FromQuery(Name = "format")] string? Format,
    [FromQuery(Name = "player")] string? Player,
    [FromQuery(Name = "mode")] string? Mode,
    [FromQuery(Name = "country")] string? Country,
    [FromQuery(Name = "download")] bool? Download,
    [FromQuery(Name = "filename")] string? Filename,
    [FromQuery(Name = "width")] int? Width,
    [FromQuery(Name = "height")] int? Height)
{
    public StreamRequest ToRequest() => new() { Quality = Quality, Format = Format, Player = Player, Country = Country };
}
