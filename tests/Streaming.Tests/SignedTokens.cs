using Microsoft.Extensions.Options;
using VideoPlatform.Streaming.Hls;
using VideoPlatform.Streaming.Signing;

namespace VideoPlatform.Streaming.Tests;

/// <summary>Segment tokens signed as the service signs them, under a given <c>Streaming:TokenKey</c>.</summary>
internal static class SignedTokens
{
    public static SegmentTokens Segments(string? key) => Segments(new TokenSigningKeys(Options.Create(new StreamingOptions { TokenKey = key })));

    public static SegmentTokens Segments(TokenSigningKeys keys) =>
        new(keys, Options.Create(new StreamingOptions()), TimeProvider.System);
}
