using Refit;

namespace VideoPlatform.Contracts.Streaming;

/// <summary>
/// How a caller wants a video turned into a stream: the query of the streaming service's
/// stream routes (<c>?quality=&amp;format=&amp;player=&amp;country=</c>).
/// </summary>
public sealed record StreamRequest
{
    /// <summary><c>best</c>, <c>worst</c>, <c>highest</c>, <c>lowest</c>, <c>2160p</c>…<c>144p</c>, <c>audio</c>.</summary>
    [AliasAs("quality")] public string? Quality { get; init; }

    /// <summary>A yt-dlp-style format selector, e.g. <c>best[height&lt;=720][ext=mp4]/best</c>.</summary>
    [AliasAs("format")] public string? Format { get; init; }

    /// <summary><c>avpro</c>, <c>unity</c> or <c>auto</c>: prefer what that player can play.</summary>
    [AliasAs("player")] public string? Player { get; init; }

    /// <summary>ISO country of the viewer, for smart proxy-or-redirect decisions.</summary>
    [AliasAs("country")] public string? Country { get; init; }
}
