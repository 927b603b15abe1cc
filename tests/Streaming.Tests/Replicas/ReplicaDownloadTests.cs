using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Downloads;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Streaming.Tests.Replicas;

/// <summary>Downloads with several streaming replicas on one Redis and one shared download directory.</summary>
public sealed class ReplicaDownloadTests(SharedDownloads shared) : IClassFixture<SharedDownloads>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    private static async Task<DownloadJob> StartAsync(StreamingInstance replica, string videoId)
    {
        using var started = await replica.Client.PostAsJsonAsync("/api/v2/downloads", new DownloadRequest($"https://youtu.be/{videoId}", null, null, null, null),
            ContractJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        return (await started.Content.ReadFromJsonAsync<DownloadJob>(ContractJson.Options))!;
    }

    /// <summary>Follows a job through <paramref name="replica"/> until it is in one of <paramref name="states"/>.</summary>
    private static Task<DownloadJob> WaitForAsync(StreamingInstance replica, string id, string token, params string[] states) =>
        Wait.UntilAsync($"download {id} to be {string.Join(" or ", states)}", async cancellationToken =>
            (await replica.Client.GetFromJsonAsync<DownloadJob>($"/api/v2/downloads/{id}?token={token}", ContractJson.Options, cancellationToken))!,
            job => states.Contains(job.State), Deadline);

    /// <summary>Waits until Redis has run <paramref name="command"/> more than <paramref name="before"/> + <paramref name="more"/> - 1 times.</summary>
    private Task WaitForCallsAsync(string command, long before, int more) =>
        Wait.UntilAsync($"Redis to run {command} {more} more times", _ => shared.CallsAsync(command), calls => calls >= before + more, Deadline);

    [Fact]
    public async Task A_download_started_through_one_replica_is_fetched_through_the_other()
    {
        await using var first = shared.StartReplica();
        await using var second = shared.StartReplica();

        var job = await StartAsync(first, shared.Video());
        var done = await WaitForAsync(second, job.Id, job.Token!, DownloadStates.Completed, DownloadStates.Failed);
        var throughFirst = await first.Client.GetByteArrayAsync($"/api/v2/downloads/{job.Id}/file?token={job.Token}");
        using var throughSecond = await second.Client.GetAsync($"/api/v2/downloads/{job.Id}/file?token={job.Token}");

        Assert.Equal(DownloadStates.Completed, done.State);
        Assert.Equal(HttpStatusCode.OK, throughSecond.StatusCode);
        var bytes = await throughSecond.Content.ReadAsByteArrayAsync();
        Assert.Equal(done.Bytes, bytes.Length);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
        Assert.Equal(throughFirst, bytes);
        Assert.Equal(1, shared.RunsOn(first) + shared.RunsOn(second));
    }

    [Fact]
    public async Task A_replica_restarted_while_another_runs_a_job_does_not_run_it_again()
    {
        await using var running = shared.StartReplica();
        var video = shared.Video(held: true);
        var job = await StartAsync(running, video);
        await WaitForAsync(running, job.Id, job.Token!, DownloadStates.Running);

        // The restarted replica's first sweep asks whether the unfinished job is held.
        var asked = await shared.CallsAsync("exists");
        await using var restarted = shared.StartReplica();
        await WaitForCallsAsync("exists", asked, 1);
        shared.Release(video);
        var done = await WaitForAsync(restarted, job.Id, job.Token!, DownloadStates.Completed, DownloadStates.Failed);

        Assert.Equal(DownloadStates.Completed, done.State);
        Assert.Equal((1, 0), (shared.RunsOn(running), shared.RunsOn(restarted)));
        Assert.Equal(1, shared.FileRequests[video]);
    }

    [Fact]
    public async Task A_job_left_running_by_a_replica_that_died_is_run_once_by_the_replicas_that_start()
    {
        var video = shared.Video(held: true);
        var now = DateTimeOffset.UtcNow;
        // As a replica that died mid-job leaves it: running, its claim gone with it.
        var orphan = new DownloadJob
        {
            Id = Guid.NewGuid().ToString("N"),
            Url = $"https://youtu.be/{video}",
            Platform = "youtube",
            VideoId = video,
            State = DownloadStates.Running,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var services = new ServiceCollection().AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(shared.Redis).BuildServiceProvider();
        await new DownloadStore(services).SaveAsync(orphan);
        var token = new DownloadAccess(new Signing.TokenSigningKeys(Microsoft.Extensions.Options.Options.Create(new StreamingOptions { TokenKey = "replicas-share-this-key" })))
            .TokenFor(orphan.Id);

        var asked = await shared.CallsAsync("exists");
        var starting = await Task.WhenAll(Task.Run(() => shared.StartReplica()), Task.Run(() => shared.StartReplica()));
        await using var one = starting[0];
        await using var other = starting[1];
        // Both sweeps have seen the job unclaimed, or found it claimed by the other.
        await WaitForCallsAsync("exists", asked, 2);
        await WaitForAsync(one, orphan.Id, token, DownloadStates.Running);
        shared.Release(video);
        var done = await WaitForAsync(other, orphan.Id, token, DownloadStates.Completed, DownloadStates.Failed);

        Assert.Equal(DownloadStates.Completed, done.State);
        Assert.Equal(1, shared.RunsOn(one) + shared.RunsOn(other));
        Assert.Equal(1, shared.FileRequests[video]);
    }

    [Fact]
    public async Task A_job_deleted_through_one_replica_stops_on_the_replica_running_it_and_stays_gone()
    {
        await using var running = shared.StartReplica();
        await using var other = shared.StartReplica();
        var video = shared.Video(held: true);
        var job = await StartAsync(running, video);
        await WaitForAsync(running, job.Id, job.Token!, DownloadStates.Running);

        using (var deleted = await other.Client.DeleteAsync($"/api/v2/downloads/{job.Id}?token={job.Token}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        shared.Release(video);
        // The run is over once its replica lets go of the claim.
        await Wait.UntilAsync($"the claim on {job.Id} to be let go", async _ => !await shared.Redis.GetDatabase().KeyExistsAsync($"downloads:claim:{job.Id}"),
            Deadline);

        foreach (var replica in new[] { running, other })
        {
            using var seen = await replica.Client.GetAsync($"/api/v2/downloads/{job.Id}?token={job.Token}");
            Assert.Equal(HttpStatusCode.NotFound, seen.StatusCode);
        }
        Assert.Empty(Directory.EnumerateFiles(shared.Directory, job.Id + "*"));
        Assert.Equal(0, shared.RunsOn(other));
    }

    [Fact]
    public async Task Jobs_past_their_retention_are_pruned_by_the_sweep_without_reading_every_job()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var directory = Path.Combine(shared.Directory, "pruning");
        Directory.CreateDirectory(directory);
        var services = new ServiceCollection().AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(shared.Redis).BuildServiceProvider();
        var store = new DownloadStore(services);
        async Task<(DownloadJob Job, string File)> EndedAsync(TimeSpan ago)
        {
            var at = time.GetUtcNow() - ago;
            var job = new DownloadJob
            {
                Id = Guid.NewGuid().ToString("N"),
                Url = "https://youtu.be/x",
                Platform = "youtube",
                VideoId = "x",
                FileName = "x.mp4",
                State = DownloadStates.Completed,
                CreatedAt = at,
                UpdatedAt = at,
            };
            await store.SaveAsync(job);
            // The file itself is fresh: only the job's end time can make it go.
            var file = Path.Combine(directory, job.Id + ".mp4");
            await File.WriteAllBytesAsync(file, [1, 2, 3]);
            return (job, file);
        }
        var old = await EndedAsync(TimeSpan.FromHours(25));
        var recent = await EndedAsync(TimeSpan.FromHours(1));

        var fullReads = await shared.CallsAsync("hgetall");
        await using var replica = shared.StartReplica(new Dictionary<string, string>
        {
            ["Downloads:Directory"] = directory,
            ["Downloads:Retention"] = "1.00:00:00",
            ["Downloads:SweepInterval"] = "00:01:00",
        }, time);
        // A sweep a minute (of the replica's time) finds the job past its retention; the recent
        // one stays within its retention however long this takes.
        await Wait.UntilAsync("a sweep to remove the old job", async _ =>
        {
            if (await store.GetAsync(old.Job.Id) is null)
            {
                return true;
            }
            time.Advance(TimeSpan.FromMinutes(1));
            return false;
        }, Deadline);

        Assert.False(File.Exists(old.File));
        Assert.NotNull(await store.GetAsync(recent.Job.Id));
        Assert.True(File.Exists(recent.File));
        Assert.Equal(fullReads, await shared.CallsAsync("hgetall"));

        // Past its own retention, the recent one goes too, at the next sweep.
        time.Advance(TimeSpan.FromHours(24));
        await Wait.UntilAsync("the next sweep to remove the recent job", async _ => await store.GetAsync(recent.Job.Id) is null, Deadline);
        Assert.False(File.Exists(recent.File));
    }
}
