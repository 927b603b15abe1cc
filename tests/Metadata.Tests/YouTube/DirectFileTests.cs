using System.Text.Json.Nodes;
using VideoPlatform.Metadata.Extractors.YouTube;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>Which formats of a player answer are plain files to hand out, by the fields YouTube marks the others with.</summary>
public sealed class DirectFileTests
{
    [Theory]
    [InlineData("""{"itag":137,"url":"https://rr1---sn-x.googlevideo.com/videoplayback?itag=137"}""", true)]
    [InlineData("""{"itag":137,"url":"https://x/videoplayback","drmFamilies":["WIDEVINE","PLAYREADY"]}""", false)]
    [InlineData("""{"itag":137,"url":"https://x/videoplayback","type":"FORMAT_STREAM_TYPE_OTF"}""", false)]
    [InlineData("""{"itag":137,"url":"https://x/videoplayback","targetDurationSec":5}""", false)]
    public void Drm_otf_and_live_segment_formats_are_not_direct_files(string format, bool direct) =>
        Assert.Equal(direct, PlayerResponse.IsDirectFile(JsonNode.Parse(format)!.AsObject()));
}
