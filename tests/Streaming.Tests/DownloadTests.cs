using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Downloads;
using VideoPlatform.TestSupport;
using VideoPlatform.TestSupport.Media;

namespace VideoPlatform.Streaming.Tests;

[Collection(StreamingCollection.Name)]
public sealed class DownloadTests(StreamingFixture streaming)
{
    private async Task<DownloadJob> FinishAsync(DownloadRequest request)
    {
        using var started = await streaming.Client.PostAsJsonAsync("/api/v2/downloads", request, ContractJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        return await streaming.WaitForDownloadAsync((await started.Content.ReadFromJsonAsync<DownloadJob>(ContractJson.Options))!);
    }

    private async Task<string> FetchAsync(DownloadJob job)
    {
        Directory.CreateDirectory(streaming.Downloads);
        var path = Path.Combine(streaming.Downloads, $"{job.Id}{Path.GetExtension(job.FileName)}");
        await File.WriteAllBytesAsync(path, await streaming.Client.GetByteArrayAsync($"/api/v2/downloads/{job.Id}/file?token={job.Token}"));
        return path;
    }

    private static async Task<List<string?>> CodecsAsync(string path)
    {
        var probe = await MediaFiles.RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name", "-of", "json", path]);
        using var json = JsonDocument.Parse(probe);
        return json.RootElement.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("codec_name").GetString()).ToList();
    }

    [Fact]
    public async Task Adaptive_video_and_audio_are_muxed_into_one_playable_file()
    {
        var job = await FinishAsync(new DownloadRequest("https://youtu.be/adaptive0001", "720p", null, null, null));

        Assert.Equal(DownloadStates.Completed, job.State);
        Assert.Equal(100, job.Percent);
        Assert.EndsWith(".mp4", job.FileName);
        var file = await FetchAsync(job);
        Assert.Equal(["h264", "aac"], await CodecsAsync(file));
        Assert.Equal(new FileInfo(file).Length, job.Bytes);
    }

    [Fact]
    public async Task Audio_can_be_extracted_to_mp3()
    {
        var job = await FinishAsync(new DownloadRequest("https://youtu.be/vid00000001", null, null, true, "mp3"));

        Assert.Equal(DownloadStates.Completed, job.State);
        Assert.Equal(["mp3"], await CodecsAsync(await FetchAsync(job)));
    }

    [Fact]
    public async Task The_file_is_served_with_ranges()
    {
        var job = await FinishAsync(new DownloadRequest("https://youtu.be/vid00000001", "360p", null, null, null));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v2/downloads/{job.Id}/file") { Headers = { Range = new(100, 199) } };
        request.Headers.Add(DownloadAccess.TokenHeader, job.Token);

        using var response = await streaming.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(100, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Deleting_a_job_takes_its_token_and_removes_it()
    {
        var job = await FinishAsync(new DownloadRequest("https://youtu.be/vid00000001", "360p", null, null, null));

        using var refused = await streaming.Client.DeleteAsync($"/api/v2/downloads/{job.Id}");
        using var deleted = await streaming.Client.DeleteAsync($"/api/v2/downloads/{job.Id}?token={job.Token}");
        using var gone = await streaming.Client.GetAsync($"/api/v2/downloads/{job.Id}?token={job.Token}");

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_job_is_not_seen_without_its_token_nor_with_another_jobs()
    {
        var job = await FinishAsync(new DownloadRequest("https://youtu.be/vid00000001", "360p", null, null, null));
        var other = await FinishAsync(new DownloadRequest("https://youtu.be/vid00000001", "360p", null, true, null));

        foreach (var path in new[] { $"/api/v2/downloads/{job.Id}", $"/api/v2/downloads/{job.Id}/file", $"/api/v2/downloads/{job.Id}?token={other.Token}",
            $"/api/v2/downloads/{job.Id}/file?token={other.Token}", $"/api/v2/downloads/{job.Id}?token={job.Token}x" })
        {
            using var response = await streaming.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        using var own = await streaming.Client.GetAsync($"/api/v2/downloads/{job.Id}?token={job.Token}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Listing_jobs_without_an_api_key_is_refused()
    {
        using var response = await streaming.Client.GetAsync("/api/v2/downloads");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_dead_video_fails_its_job_with_the_videos_own_code()
    {
        using var started = await streaming.Client.PostAsJsonAsync("/api/v2/downloads",
            new DownloadRequest("https://youtu.be/deadvideo01", null, null, null, null), ContractJson.Options);
        var job = await streaming.WaitForDownloadAsync((await started.Content.ReadFromJsonAsync<DownloadJob>(ContractJson.Options))!);

        Assert.Equal(DownloadStates.Failed, job.State);
        Assert.Equal(ErrorCodes.VideoUnavailable, job.ErrorCode);
    }

    [Theory]
    [InlineData("""{"url":""}""")]
    [InlineData("""{"url":"https://vimeo.com/1"}""")]
    [InlineData("""{"url":"https://youtu.be/vid00000001","quality":"ultra"}""")]
    [InlineData("""{"url":"https://youtu.be/vid00000001","audio_only":true,"audio_format":"flac"}""")]
    [InlineData("""{"url":"https://youtu.be/vid00000001","format":"best[height<="}""")]
    public async Task Bad_requests_are_refused_before_a_job_exists(string body)
    {
        using var response = await streaming.Client.PostAsync("/api/v2/downloads", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class DownloadStoreTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    /// <summary>A store as a service instance (a replica, or the same one after a restart) has it, on the shared Redis.</summary>
    private DownloadStore Store()
    {
        var services = new ServiceCollection();
        services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(StackExchange.Redis.ConnectionMultiplexer.Connect(redis.ConnectionString));
        return new DownloadStore(services.BuildServiceProvider());
    }

    [Fact]
    public async Task Jobs_kept_in_redis_are_seen_by_a_restarted_service()
    {
        var job = new DownloadJob { Id = Guid.NewGuid().ToString("N"), Url = "https://youtu.be/x", Platform = "youtube", VideoId = "vid00000001", State = DownloadStates.Running };

        await Store().SaveAsync(job);
        var afterRestart = await Store().GetAsync(job.Id);

        Assert.Equal(job, afterRestart);
    }

    [Fact]
    public async Task A_job_is_claimed_by_one_replica_at_a_time()
    {
        var (first, second) = (Store(), Store());
        var id = Guid.NewGuid().ToString("N");

        var firstClaims = await first.TryClaimAsync(id, TimeSpan.FromMinutes(1));
        var secondClaims = await second.TryClaimAsync(id, TimeSpan.FromMinutes(1));
        var seenClaimed = await second.IsClaimedAsync(id);
        await second.ReleaseAsync(id); // not its claim: nothing changes
        var stillClaimed = await first.IsClaimedAsync(id);
        await first.ReleaseAsync(id);
        var secondClaimsAfterRelease = await second.TryClaimAsync(id, TimeSpan.FromMinutes(1));

        Assert.Equal((true, false, true, true, true), (firstClaims, secondClaims, seenClaimed, stillClaimed, secondClaimsAfterRelease));
    }
}
