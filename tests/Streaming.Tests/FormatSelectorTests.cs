using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Streaming.Selection;

namespace VideoPlatform.Streaming.Tests;

public sealed class FormatSelectorTests
{
    private static VideoFormat F(string id, int? height, string ext, string vcodec, string acodec, long bitrate = 1_000_000, double fps = 30) => new()
    {
        FormatId = id,
        Url = $"https://cdn.example/{id}",
        Ext = ext,
        Vcodec = vcodec,
        Acodec = acodec,
        Height = height,
        Width = height * 16 / 9,
        Fps = vcodec == "none" ? null : fps,
        Bitrate = bitrate,
        HasVideo = vcodec != "none",
        HasAudio = acodec != "none",
    };

    private static readonly IReadOnlyList<VideoFormat> YouTube =
    [
        F("18", 360, "mp4", "avc1.42001E", "mp4a.40.2", 500_000),
        F("22", 720, "mp4", "avc1.64001F", "mp4a.40.2", 1_500_000),
        F("43", 360, "webm", "vp8", "vorbis", 600_000),
        F("137", 1080, "mp4", "avc1.640028", "none", 4_000_000),
        F("248", 1080, "webm", "vp9", "none", 2_500_000),
        F("136", 720, "mp4", "avc1.4d401f", "none", 2_000_000),
        F("140", null, "m4a", "none", "mp4a.40.2", 130_000),
        F("251", null, "webm", "none", "opus", 140_000),
    ];

    [Theory]
    [InlineData("best", "22")]
    [InlineData("worst", "18")]
    [InlineData("b", "22")]
    [InlineData("bestvideo", "137")]
    [InlineData("bv*", "137")]
    [InlineData("bestaudio", "251")]
    [InlineData("bestaudio[ext=m4a]", "140")]
    [InlineData("worstvideo", "136")]
    [InlineData("best[height<=480]", "43")]
    [InlineData("best[height<=480][ext=mp4]", "18")]
    [InlineData("best[height<=720][ext=mp4][vcodec^=avc1]/best[ext=mp4]/best", "22")]
    [InlineData("best[height>=2160]/best[height<=360][ext=webm]", "43")]
    [InlineData("bestvideo[vcodec!=vp9][height=1080]", "137")]
    [InlineData("bestvideo[vcodec*=vp]", "248")]
    [InlineData("bestvideo[vcodec$=28]", "137")]
    [InlineData("best[tbr<1000]", "43")]
    [InlineData("best[fps>=30][filesize<=?100000000]", "22")]
    [InlineData("136", "136")]
    [InlineData("bestvideo[height<=720]+bestaudio/best[height<=720]", "22")]
    [InlineData("bestvideo+bestaudio", "22")]
    public void Expressions_choose_what_yt_dlp_would_for_a_single_file(string expression, string expected)
    {
        Assert.Equal(expected, FormatSelector.Select(expression, YouTube)?.FormatId);
    }

    [Theory]
    [InlineData("best[height>4000]")]
    [InlineData("999")]
    [InlineData("bestaudio[ext=mp3]")]
    public void Expressions_nothing_satisfies_choose_nothing(string expression)
    {
        Assert.Null(FormatSelector.Select(expression, YouTube));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("best[height<=720", 4)]
    [InlineData("best[colour=red]", 5)]
    [InlineData("best[height~720]", 11)]
    [InlineData("best[height<=tall]", 13)]
    [InlineData("best[ext<mp4]", 8)]
    [InlineData("best[height^=7]", 11)]
    [InlineData("best[height<=]", 13)]
    [InlineData("best]", 4)]
    [InlineData("best/", 5)]
    [InlineData("best//worst", 5)]
    [InlineData("best+", 5)]
    [InlineData("b$st", 1)]
    public void Malformed_expressions_name_the_position(string expression, int position)
    {
        var error = Assert.Throws<SelectorException>(() => SelectorParser.Parse(expression));
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void Oversized_expressions_are_refused_before_any_work()
    {
        Assert.Throws<SelectorException>(() => SelectorParser.Parse(string.Concat(Enumerable.Repeat("best[height<=720]", 40))));
        Assert.Throws<SelectorException>(() => SelectorParser.Parse(string.Join('/', Enumerable.Repeat("best", 17))));
        Assert.Throws<SelectorException>(() => SelectorParser.Parse("best" + string.Concat(Enumerable.Repeat("[fps>1]", 17))));
    }

    [Theory]
    [InlineData("best", null, null, "22")]
    [InlineData("highest", null, null, "22")]
    [InlineData("lowest", null, null, "18")]
    [InlineData("480p", null, null, "43")]
    [InlineData("360p", null, "avpro", "18")]
    [InlineData("720p", null, "unity", "22")]
    [InlineData("1080p", null, "avpro", "22")]
    [InlineData("144p", null, null, "18")]
    [InlineData("audio", null, null, "251")]
    [InlineData("720p", "bestaudio[ext=m4a]", null, "140")]
    public void Qualities_and_players_become_expressions(string quality, string? format, string? player, string expected)
    {
        var expression = FormatSelector.ExpressionFor(quality, format, player);

        Assert.Equal(expected, FormatSelector.Select(expression, YouTube)?.FormatId);
    }

    [Fact]
    public void An_unknown_quality_is_refused()
    {
        Assert.Throws<SelectorException>(() => FormatSelector.ExpressionFor("ultra", null, null));
    }
}
