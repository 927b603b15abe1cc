using VideoPlatform.Legacy.Compatibility;
using VideoPlatform.Legacy.Vrchat;

namespace VideoPlatform.Legacy.Tests;

public sealed class LegacyQueryTests
{
    [Theory]
    [InlineData("?url=https://youtu.be/x?t=10&quality=480p", "https://youtu.be/x?t=10", "480p", null)]
    [InlineData("?url=https://www.youtube.com/watch?v=abc&t=30&list=PL1&player=unity", "https://www.youtube.com/watch?v=abc&t=30&list=PL1", null, "unity")]
    [InlineData("?quality=360p&url=https://youtu.be/abc", "https://youtu.be/abc", "360p", null)]
    [InlineData("?url=https%3A%2F%2Fyoutu.be%2Fabc%3Ft%3D5&quality=720p", "https://youtu.be/abc?t=5", "720p", null)]
    [InlineData("?url=https://youtu.be/abc&quality=480p&quality=360p", "https://youtu.be/abc&quality=360p", "480p", null)]
    [InlineData("?quality=480p", null, "480p", null)]
    public void Parse_treats_everything_after_url_as_the_url_except_known_legacy_parameters(
        string raw, string? url, string? quality, string? player)
    {
        var query = LegacyQuery.Parse(raw);

        Assert.Equal(url, query.Target);
        Assert.Equal(quality, query["quality"]);
        Assert.Equal(player, query["player"]);
    }

    [Fact]
    public void Parse_reads_the_v1_yt_parameter()
    {
        var query = LegacyQuery.Parse("?yt=https://www.youtube.com/watch?v=abc&t=1", "yt");

        Assert.Equal("https://www.youtube.com/watch?v=abc&t=1", query.Target);
    }

    [Theory]
    [InlineData("Rick's Amazing Video.mp4", "Ricks_Amazing_Video.mp4")]
    [InlineData("Émojis😀and🎉Special™Chars®", "EmojisandSpecialChars.mp4")]
    [InlineData("\"Quoted\" <title>: part|2?*", "Quoted_title_part2.mp4")]
    [InlineData("哔哩哔哩", "bilibili_BV1_vrchat.mp4")]
    public void Vrchat_filenames_are_ascii_without_quotes(string title, string expected)
    {
        Assert.Equal(expected, VrchatFileName.Sanitize(title, "bilibili_BV1_vrchat"));
    }

    [Theory]
    [InlineData(200.0, "avpro", "720p")]
    [InlineData(600.0, "avpro", "480p")]
    [InlineData(600.0, "unity", "720p")]
    [InlineData(4000.0, "unity", "480p")]
    [InlineData(null, "avpro", "480p")]
    [InlineData(null, "auto", "720p")]
    public void Recommended_quality_follows_the_seed_table(double? duration, string player, string expected)
    {
        Assert.Equal(expected, CompatibilityAdvice.RecommendQuality(duration, PlayerDetector.Detect(player, null)));
    }
}
