using Microsoft.AspNetCore.Mvc;

namespace VideoPlatform.Metadata.Captions;

/// <summary>
/// <c>GET …/captions/{lang}</c>: the track asked for and how (<c>?fmt=</c>, <c>?auto=</c>,
/// <c>?tlang=</c>), taken with <c>[AsParameters]</c>.
/// </summary>
internal sealed record CaptionTrackQuery(
    string Platform,
    string VideoId,
    string Lang,
    [FromQuery(Name = "fmt")] string? Fmt,
    [FromQuery(Name = "auto")] bool? Auto,
    [FromQuery(Name = "tlang")] string? Tlang);
