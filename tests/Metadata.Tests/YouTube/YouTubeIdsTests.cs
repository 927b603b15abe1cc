using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Extractors.YouTube;

namespace VideoPlatform.Metadata.Tests.YouTube;

public sealed class YouTubeIdsTests
{
    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42s")]
    [InlineData("https://m.youtube.com/watch?v=dQw4w9WgXcQ&list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG")]
    [InlineData("https://music.youtube.com/watch?v=dQw4w9WgXcQ&si=abc")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ?si=xyz&t=10")]
    [InlineData("https://www.youtube.com/shorts/dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/embed/dQw4w9WgXcQ?start=30")]
    [InlineData("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/live/dQw4w9WgXcQ?feature=share")]
    [InlineData("https://www.youtube.com/v/dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/watch_popup?v=dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/#!v=dQw4w9WgXcQ")]
    [InlineData("http://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    public void Every_video_url_form_gives_the_id(string url)
    {
        Assert.True(YouTubeIds.TryResolve(new Uri(url), out var resolved));
        Assert.Equal(new ResolvedUrl("youtube", "video", "dQw4w9WgXcQ"), resolved);
    }

    [Theory]
    [InlineData("https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG", "PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG")]
    [InlineData("https://www.youtube.com/playlist?list=UUuAXFkgsw1L7xaCfnd5JJOw", "UUuAXFkgsw1L7xaCfnd5JJOw")]
    [InlineData("https://music.youtube.com/playlist?list=OLAK5uy_kW2cO5XSKp1-wOPjxQhfNwDRJt8DXhkCM", "OLAK5uy_kW2cO5XSKp1-wOPjxQhfNwDRJt8DXhkCM")]
    [InlineData("https://www.youtube.com/playlist?list=RDdQw4w9WgXcQ", "RDdQw4w9WgXcQ")]
    public void Playlist_urls_give_the_playlist_id(string url, string id)
    {
        Assert.True(YouTubeIds.TryResolve(new Uri(url), out var resolved));
        Assert.Equal(new ResolvedUrl("youtube", "playlist", id), resolved);
    }

    [Theory]
    [InlineData("https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw", "UCuAXFkgsw1L7xaCfnd5JJOw")]
    [InlineData("https://www.youtube.com/@RickAstleyYT/videos", "@RickAstleyYT")]
    [InlineData("https://www.youtube.com/c/RickAstley", "c/RickAstley")]
    [InlineData("https://www.youtube.com/user/RickAstleyVEVO", "user/RickAstleyVEVO")]
    public void Channel_urls_give_the_channel(string url, string id)
    {
        Assert.True(YouTubeIds.TryResolve(new Uri(url), out var resolved));
        Assert.Equal(new ResolvedUrl("youtube", "channel", id), resolved);
    }

    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXc")]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQQ")]
    [InlineData("https://www.youtube.com/embed/")]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9 WgXc")]
    [InlineData("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/results?search_query=rick")]
    [InlineData("https://vimeo.com/123456")]
    public void Other_urls_are_not_youtube_videos(string url)
    {
        Assert.False(YouTubeIds.TryResolve(new Uri(url), out var resolved) && resolved.Kind == "video");
    }
}
