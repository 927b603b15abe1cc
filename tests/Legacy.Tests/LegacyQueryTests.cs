using VideoPlatform.Legacy.Vrchat;

namespace VideoPlatform.Legacy.Tests;

public sealed class LegacyQueryTests
{
    [Theory]
    [InlineData("?url=https://youtu.be/dQw4w9WgXcQ?t=10&quality=480p", "https://youtu.be/dQw4w9WgXcQ?t=10", "480p")]
    [InlineData("?url=https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=30&list=PL123&quality=360p", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=30&list=PL123", "360p")]
    [InlineData("?quality=720p&url=https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=30", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=30", "720p")]
    [InlineData("?url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DdQw4w9WgXcQ%26t%3D5&quality=best", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=5", "best")]
    [InlineData("?yt=https://youtu.be/dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcQ", null)]
    [InlineData("?url=", "", null)]
    public void Unencoded_urls_keep_their_own_parameters(string raw, string url, string? quality)
    {
        var query = LegacyQuery.Parse(raw);

        Assert.Equal(url, query.Url);
        Assert.Equal(quality, query["quality"]);
    }

    [Theory]
    [InlineData(null, "NSPlayer/12.00.19041.1320 WMFSDK/12.00.19041.1320", "avpro")]
    [InlineData(null, "AVProMobileVideo/2.9.3 (Linux;Android 12) ExoPlayerLib/2.18.1", "avpro")]
    [InlineData(null, "UnityPlayer/2022.3.22f1 (UnityWebRequest/1.0, libcurl/8.5.0-DEV)", "unity")]
    [InlineData(null, "stagefright/1.2 (Linux;Android 12)", "unity")]
    [InlineData(null, "Mozilla/5.0", "auto")]
    [InlineData("unity", "NSPlayer/12.00", "unity")]
    [InlineData("AVPRO", null, "avpro")]
    public void Players_are_told_by_the_parameter_then_the_user_agent(string? player, string? userAgent, string expected)
    {
        Assert.Equal(expected, PlayerKind.Detect(player, userAgent));
    }

    [Theory]
    [InlineData("Rick's \"Best\" Café — Live!", "Ricks_Best_Cafe_Live.mp4")]
    [InlineData("日本語のタイトル", "youtube_x_vrchat.mp4")]
    [InlineData("  a   b  ", "a_b.mp4")]
    [InlineData("clip.mp4", "clip.mp4")]
    [InlineData("../../etc/passwd", "etcpasswd.mp4")]
    public void Download_names_survive_vrchats_resolver(string title, string expected)
    {
        Assert.Equal(expected, VrchatFileName.Sanitize(title, "youtube_x_vrchat"));
    }

    [Theory]
    [InlineData(200.0, "avpro", "720p")]
    [InlineData(600.0, "avpro", "480p")]
    [InlineData(600.0, "unity", "720p")]
    [InlineData(3600.0, "avpro", "360p")]
    [InlineData(3600.0, "auto", "480p")]
    [InlineData(null, "avpro", "480p")]
    [InlineData(null, "unity", "720p")]
    public void Recommended_quality_follows_duration_and_player(double? duration, string player, string expected)
    {
        Assert.Equal(expected, VrchatAdvice.RecommendedQuality(duration, player));
    }
}
