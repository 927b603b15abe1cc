using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using VideoPlatform.Contracts;
using VideoPlatform.Metadata.Extractors.YouTube;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>What becomes of a response's formats when its player cannot be solved.</summary>
public sealed class StreamUrlDeciphererTests
{
    private static readonly Func<CancellationToken, Task<PlayerCipher>> Unsolvable = _ => throw new ProblemException(
        ErrorCodes.UpstreamUnavailable, "YouTube player 0badf00d could not be solved, so its stream URLs cannot be deciphered (main: none builds).");

    [Fact]
    public async Task Formats_that_need_no_deciphering_are_still_served_when_the_player_cannot_be_solved()
    {
        JsonObject[] formats =
        [
            Format(18, url: "https://rr1---sn-a.googlevideo.com/videoplayback?itag=18&source=youtube"),
            Format(137, cipher: "s=abcdef&sp=sig&url=https%3A%2F%2Frr1---sn-a.googlevideo.com%2Fvideoplayback%3Fitag%3D137"),
            Format(140, url: "https://rr1---sn-a.googlevideo.com/videoplayback?itag=140&n=T9xNoUe2aD7vVQ"),
        ];

        var kept = await StreamUrlDecipherer.ResolveAsync(formats, transformN: true, Unsolvable, CancellationToken.None);

        Assert.Equal([18], kept.Select(f => (int)f["itag"]!));
    }

    [Fact]
    public async Task When_every_format_needs_the_player_its_failure_names_the_player_version()
    {
        JsonObject[] formats = [Format(137, cipher: "s=abcdef&sp=sig&url=https%3A%2F%2Frr1---sn-a.googlevideo.com%2Fvideoplayback%3Fitag%3D137")];

        var error = await Assert.ThrowsAsync<ProblemException>(() => StreamUrlDecipherer.ResolveAsync(formats, transformN: false, Unsolvable, CancellationToken.None));

        Assert.Equal(ErrorCodes.UpstreamUnavailable, error.Code);
        Assert.Contains("player 0badf00d", error.Message);
    }

    private static JsonObject Format(int itag, string? url = null, string? cipher = null)
    {
        var format = new JsonObject { ["itag"] = itag };
        if (url is not null)
        {
            format["url"] = url;
        }
        if (cipher is not null)
        {
            format["signatureCipher"] = cipher;
        }
        return format;
    }
}
