using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.TestSupport;
using VideoPlatform.TestSupport.Media;

namespace VideoPlatform.Legacy.Tests.Downloads;

/// <summary>The seed's download routes start streaming's real jobs and report their real state.</summary>
public sealed class LegacyDownloadTests(LegacyDownloadsFixture fixture) : IClassFixture<LegacyDownloadsFixture>
{
    private async Task<JsonElement> TaskAsync(string route, string taskId) =>
        await fixture.Client.GetFromJsonAsync<JsonElement>($"{route}/{taskId}");

    /// <summary>Polls a task until <paramref name="done"/> holds; every answer seen on the way is kept.</summary>
    private async Task<List<JsonElement>> FollowAsync(string route, string taskId, Func<JsonElement, bool> done)
    {
        var seen = new List<JsonElement>();
        await Wait.UntilAsync($"task {taskId} to end", async _ =>
        {
            seen.Add(await TaskAsync(route, taskId));
            return seen[^1];
        }, done, TimeSpan.FromMinutes(1));
        return seen;
    }

    private static bool Ended(JsonElement task) => task.GetProperty("status").GetString() is "completed" or "failed";

    [Fact]
    public async Task A_download_task_reports_progress_and_ends_with_a_playable_file()
    {
        using var started = await fixture.Client.PostAsJsonAsync("/api/v2/videos/download",
            new { url = $"https://youtu.be/{LegacyDownloadsFixture.Trickled}", quality = "highest", custom_filename = "My clip" });
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var taskId = body.GetProperty("task_id").GetString()!;

        var seen = await FollowAsync("/api/v2/videos/tasks", taskId, Ended);
        var last = seen[^1];

        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal("Video trickled001", body.GetProperty("video_info").GetProperty("title").GetString());
        // ffmpeg's progress as the job went: at least one value strictly between nothing and done.
        Assert.Contains(seen, t => t.GetProperty("status").GetString() == "processing"
            && t.GetProperty("progress").GetDouble() is > 0 and < 100);
        Assert.Equal("completed", last.GetProperty("status").GetString());
        Assert.Equal(100, last.GetProperty("progress").GetDouble());
        var file = await LegacyDownloadsFixture.FetchAsync(last.GetProperty("download_url").GetString()!);
        Assert.Equal(file.Length, last.GetProperty("file_size").GetInt64());
        var path = Path.Combine(fixture.Downloads, "fetched-" + taskId[..12] + ".mp4");
        await File.WriteAllBytesAsync(path, file);
        var probe = await MediaFiles.RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", path]);
        Assert.Equal(["h264", "aac"], probe.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task A_v3_download_is_accepted_followed_with_links_and_cancelled()
    {
        using var started = await fixture.Client.PostAsJsonAsync("/api/v3/videos/download", new { url = $"https://youtu.be/{LegacyDownloadsFixture.Quick}" });
        var taskId = started.Headers.GetValues("X-Task-ID").Single();

        var seen = await FollowAsync("/api/v3/videos/tasks", taskId, Ended);
        using var cancelled = await fixture.Client.DeleteAsync($"/api/v3/videos/tasks/{taskId}");
        using var gone = await fixture.Client.GetAsync($"/api/v3/videos/tasks/{taskId}");

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal($"/api/v3/videos/tasks/{taskId}", started.Headers.Location?.OriginalString);
        var links = seen[^1].GetProperty("links");
        Assert.Equal($"/api/v3/videos/tasks/{taskId}", links.GetProperty("self").GetString());
        Assert.Equal(seen[^1].GetProperty("download_url").GetString(), links.GetProperty("download").GetString());
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_dead_video_is_refused_with_its_code_before_any_task_exists()
    {
        using var started = await fixture.Client.PostAsJsonAsync("/api/v2/videos/download", new { url = $"https://youtu.be/{LegacyDownloadsFixture.Dead}" });
        var problem = await started.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.NotFound, started.StatusCode);
        Assert.Equal("video_unavailable", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/api/v2/videos/tasks/not-a-task")]
    [InlineData("/api/v2/videos/tasks/dl_0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_unknown_or_forged_task_is_not_found(string path)
    {
        using var response = await fixture.Client.GetAsync(path);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Concurrent_downloads_are_the_same_jobs()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v3/concurrent/download")
        {
            Content = JsonContent.Create(new { url = $"https://youtu.be/{LegacyDownloadsFixture.Quick}", audio_only = true }),
            Headers = { { "X-Session-ID", "player-session-1" } },
        };
        using var started = await fixture.Client.SendAsync(request);
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var jobId = body.GetProperty("job_id").GetString()!;

        var seen = await FollowAsync("/api/v3/concurrent/jobs", jobId, Ended);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("player-session-1", body.GetProperty("user_session").GetString());
        Assert.Equal("completed", seen[^1].GetProperty("status").GetString());
        Assert.Equal(LegacyDownloadsFixture.Quick, seen[^1].GetProperty("video_id").GetString());
    }
}
