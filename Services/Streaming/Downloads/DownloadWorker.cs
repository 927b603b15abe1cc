using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Metrics;
using VideoPlatform.Streaming.Proxy;
using VideoPlatform.Streaming.Resolution;
using VideoPlatform.Streaming.Selection;

namespace VideoPlatform.Streaming.Downloads;

/// <summary>
/// Runs download jobs, a few at a time: the chosen progressive file is copied, or the best
/// adaptive video and audio are muxed by ffmpeg without re-encoding, or the audio is extracted to
/// m4a or mp3. Progress (percent, bytes, speed, ETA) is saved as ffmpeg reports it. Every
/// <see cref="DownloadOptions.SweepInterval"/> (and at start) a sweep takes up unfinished jobs no
/// replica holds (left by one that stopped or died) and removes jobs and files past their retention
/// or the quota. A job runs once across replicas: it is claimed in Redis before it is read, and only
/// a job still unfinished once claimed is run.
/// </summary>
public sealed partial class DownloadWorker(
    DownloadStore store,
    StreamResolver resolver,
    MediaHostPolicy hosts,
    DownloadRelay relay,
    IOptions<DownloadOptions> options,
    TimeProvider time,
    StreamMetricsCollector metrics,
    ILogger<DownloadWorker> logger) : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();
    private readonly ConcurrentDictionary<string, byte> _queued = new();

    /// <summary>Jobs ended before the retention removed by one sweep at most; the next takes the rest.</summary>
    private const int PruneBatch = 500;

    public string Directory => options.Value.Directory;

    public ValueTask EnqueueAsync(string id) => _queued.TryAdd(id, 0) ? _queue.Writer.WriteAsync(id) : ValueTask.CompletedTask;

    /// <summary>Stops a running job; a queued one is skipped when its turn comes.</summary>
    public void Cancel(string id)
    {
        if (_running.TryGetValue(id, out var job))
        {
            job.Cancel();
        }
    }

    public string PathOf(DownloadJob job) => Path.Combine(Directory, job.Id + Path.GetExtension(job.FileName ?? ".mp4"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var workers = Enumerable.Range(0, Math.Max(1, options.Value.MaxConcurrent)).Select(_ => WorkAsync(stoppingToken)).ToList();
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            do
            {
                await SweepAsync();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: unfinished jobs are taken up by the next sweep of any replica.
        }
        await Task.WhenAll(workers);
    }

    /// <summary>Queues unfinished jobs no replica holds, then prunes what is past its retention or the quota.</summary>
    private async Task SweepAsync()
    {
        try
        {
            foreach (var id in await store.UnfinishedAsync())
            {
                // A job another replica holds is running there; queued here too, it would be
                // skipped at its turn anyway (the claim decides), but need not wait in line.
                if (!_queued.ContainsKey(id) && !await store.IsClaimedAsync(id))
                {
                    await EnqueueAsync(id);
                }
            }
            await CleanUpAsync();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The download directory is shared: another replica may be removing the same files.
            LogSweepFailed(logger, ex.Message);
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                _queued.TryRemove(id, out _);
                await RunAsync(id, stoppingToken);
                await CleanUpAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: unfinished jobs are picked up by the next sweep.
        }
    }

    private async Task RunAsync(string id, CancellationToken stoppingToken)
    {
        if (!await store.TryClaimAsync(id, options.Value.JobTimeout + TimeSpan.FromMinutes(1)))
        {
            return; // another replica runs it
        }
        // Read once claimed: a job that another replica finished (or its owner deleted) before the
        // claim was had is not run again.
        var job = await store.GetAsync(id);
        if (job is null || DownloadStore.HasEnded(job.State))
        {
            await store.ReleaseAsync(id);
            return;
        }

        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        run.CancelAfter(options.Value.JobTimeout);
        _running[id] = run;
        try
        {
            job = job with { State = DownloadStates.Running, UpdatedAt = time.GetUtcNow() };
            await store.SaveAsync(job);
            metrics.DownloadJobEntered(DownloadStates.Running);
            var formats = await resolver.GetFormatsAsync(job.Platform, job.VideoId, fresh: false, run.Token);
            var (inputs, arguments, extension) = Plan(job, resolver.Playable(formats));
            var name = job.FileName is { } requested ? Path.GetFileNameWithoutExtension(requested) : formats.Title ?? $"{job.Platform}_{job.VideoId}";
            job = job with { Title = formats.Title, FileName = DownloadName(name, extension) };
            await store.SaveAsync(job);

            var target = PathOf(job);
            await TranscodeAsync(job, inputs, arguments, target, formats.Duration, run.Token);
            if (!await StillWantedAsync(id))
            {
                File.Delete(target);
                return;
            }
            await store.SaveAsync(job with
            {
                State = DownloadStates.Completed,
                Percent = 100,
                Bytes = new FileInfo(target).Length,
                EtaSeconds = 0,
                UpdatedAt = time.GetUtcNow(),
            });
            metrics.DownloadJobEntered(DownloadStates.Completed);
            LogCompleted(logger, id, job.Platform, job.VideoId);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            if (await store.GetAsync(id) is not { } latest)
            {
                return; // deleted while it ran: nothing left to record
            }
            await store.SaveAsync(latest with
            {
                State = latest.State == DownloadStates.Cancelled ? DownloadStates.Cancelled : DownloadStates.Failed,
                Error = latest.State == DownloadStates.Cancelled ? null : "The download took longer than allowed.",
                ErrorCode = latest.State == DownloadStates.Cancelled ? null : ErrorCodes.UpstreamUnavailable,
                UpdatedAt = time.GetUtcNow(),
            });
            if (latest.State != DownloadStates.Cancelled)
            {
                // A cancelled job was counted when it was cancelled.
                metrics.DownloadJobEntered(DownloadStates.Failed);
            }
        }
        catch (Exception ex) when (ex is ProblemException or InvalidOperationException or IOException)
        {
            await store.SaveAsync(job with
            {
                State = DownloadStates.Failed,
                Error = ex.Message,
                // A video that is gone keeps its own code (video_unavailable, video_private…).
                ErrorCode = ex is ProblemException failure ? failure.Code : ErrorCodes.UpstreamUnavailable,
                UpdatedAt = time.GetUtcNow(),
            });
            metrics.DownloadJobEntered(DownloadStates.Failed);
            LogFailed(logger, id, ex.Message);
        }
        finally
        {
            _running.TryRemove(id, out _);
            await store.ReleaseAsync(id);
        }
    }

    /// <summary>
    /// Whether the job is still wanted: not deleted nor cancelled, possibly through another replica,
    /// whose <see cref="Cancel"/> cannot reach this one. Asked as progress comes, so that a job
    /// cancelled elsewhere stops here too and its progress does not bring it back.
    /// </summary>
    private async Task<bool> StillWantedAsync(string id) =>
        await store.GetAsync(id) is { State: not DownloadStates.Cancelled };

    /// <summary>What to read and how to write it: one file copied, video and audio muxed, or audio extracted.</summary>
    private static (IReadOnlyList<VideoFormat> Inputs, IReadOnlyList<string> Arguments, string Extension) Plan(DownloadJob job, IReadOnlyList<VideoFormat> formats)
    {
        if (job.AudioOnly)
        {
            var audio = FormatSelector.Select("bestaudio[acodec^=mp4a]/bestaudio/best", formats)
                        ?? throw new ProblemException(ErrorCodes.NoMatchingFormat, "This video has no audio to extract.");
            return (job.AudioFormat ?? "m4a") == "mp3"
                ? ([audio], ["-vn", "-c:a", "libmp3lame", "-q:a", "2"], ".mp3")
                : ([audio], ["-vn", "-c:a", audio.Acodec.StartsWith("mp4a", StringComparison.Ordinal) ? "copy" : "aac", "-movflags", "+faststart"], ".m4a");
        }

        if (!string.IsNullOrWhiteSpace(job.Format))
        {
            var chosen = FormatSelector.Select(job.Format, formats)
                         ?? throw new ProblemException(ErrorCodes.NoMatchingFormat, $"No format matches '{job.Format}'.");
            return ([chosen], ["-c", "copy", "-movflags", "+faststart"], ".mp4");
        }

        var expression = FormatSelector.ExpressionFor(job.Quality, null, null);
        var limit = job.Quality is { } q && q.EndsWith('p') && int.TryParse(q[..^1], CultureInfo.InvariantCulture, out var height) ? $"[height<=?{height}]" : "";
        var muxed = FormatSelector.Select(expression, formats);
        var video = FormatSelector.Select($"bestvideo{limit}[ext=mp4]/bestvideo{limit}", formats);
        var sound = FormatSelector.Select("bestaudio[ext=m4a]/bestaudio", formats);
        if (video is not null && sound is not null && (muxed is null || (video.Height ?? 0) > (muxed.Height ?? 0)))
        {
            // Muxed without re-encoding: the adaptive video and audio as they are.
            return ([video, sound], ["-map", "0:v:0", "-map", "1:a:0", "-c", "copy", "-movflags", "+faststart"], ".mp4");
        }
        return muxed is not null
            ? ([muxed], ["-c", "copy", "-movflags", "+faststart"], ".mp4")
            : throw new ProblemException(ErrorCodes.NoMatchingFormat, "No format of this video can be downloaded at that quality.");
    }

    /// <summary>The containers a media file may be read as: MP4/M4A, WebM/Matroska, MP3, ADTS AAC, FLV, MPEG-TS.</summary>
    private const string MediaDemuxers = "mov,matroska,mp3,aac,flv,mpegts";

    private async Task TranscodeAsync(DownloadJob job, IReadOnlyList<VideoFormat> inputs, IReadOnlyList<string> arguments, string target, double? duration, CancellationToken cancellationToken)
    {
        var partial = target + ".part" + Path.GetExtension(target);
        var command = new List<string> { "-y", "-nostdin", "-loglevel", "error", "-progress", "pipe:1" };
        foreach (var input in inputs)
        {
            var url = new Uri(input.Url);
            if (!hosts.IsAllowed(url))
            {
                throw new ProblemException(ErrorCodes.UpstreamUnavailable, $"The media host {url.Host} is not on the allow-list.");
            }
            // ffmpeg reads only from the relay (the proxy's checks, the platform's headers added
            // there), over plain HTTP to loopback, follows no redirect, and opens a playlist only
            // where an HLS format was chosen: a media file that turns out to be a playlist would
            // otherwise send it to whatever hosts the playlist names.
            var hls = input.Protocol is "hls" or "m3u8" or "m3u8_native";
            command.AddRange([
                "-protocol_whitelist", hls ? "http,tcp,crypto" : "http,tcp",
                "-max_redirects", "0",
                "-format_whitelist", hls ? "hls," + MediaDemuxers : MediaDemuxers,
                "-i", (await relay.AddressOfAsync(url, input.HttpHeaders, cancellationToken)).ToString(),
            ]);
        }
        command.AddRange(arguments);
        command.Add(partial);

        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("ffmpeg did not start (apt-get install ffmpeg)");
        var errors = ffmpeg.StandardError.ReadToEndAsync(CancellationToken.None);
        var started = time.GetUtcNow();
        try
        {
            string? line;
            long bytes = 0;
            while ((line = await ffmpeg.StandardOutput.ReadLineAsync(cancellationToken)) is not null)
            {
                if (line.StartsWith("total_size=", StringComparison.Ordinal) && long.TryParse(line[11..], CultureInfo.InvariantCulture, out var size))
                {
                    bytes = size;
                }
                else if (line.StartsWith("out_time_us=", StringComparison.Ordinal) && long.TryParse(line[12..], CultureInfo.InvariantCulture, out var micros) && micros > 0)
                {
                    if (!await StillWantedAsync(job.Id))
                    {
                        throw new OperationCanceledException("The job was cancelled or deleted.", cancellationToken);
                    }
                    var elapsed = (time.GetUtcNow() - started).TotalSeconds;
                    var done = micros / 1e6;
                    var percent = duration > 0 ? Math.Min(99.9, done / duration.Value * 100) : 0;
                    await store.SaveAsync(job with
                    {
                        State = DownloadStates.Running,
                        Percent = Math.Round(percent, 1),
                        Bytes = bytes,
                        SpeedBytesPerSecond = elapsed > 0 ? Math.Round(bytes / elapsed) : null,
                        EtaSeconds = duration > 0 && done > 0 ? Math.Round((duration.Value - done) * elapsed / done, 1) : null,
                        UpdatedAt = time.GetUtcNow(),
                    });
                }
            }
            await ffmpeg.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            ffmpeg.Kill(entireProcessTree: true);
            File.Delete(partial);
            throw;
        }

        if (ffmpeg.ExitCode != 0)
        {
            File.Delete(partial);
            throw new InvalidOperationException($"ffmpeg failed: {(await errors).Trim().Split('\n').LastOrDefault()}");
        }
        File.Move(partial, target, overwrite: true);
    }

    /// <summary>
    /// Removes jobs that ended longer ago than the retention, with their files, found by the index of
    /// end times (no job is read that is not removed); then files past their retention, then the
    /// oldest while over the quota (their jobs answer 410 for the file), and partial files a run
    /// that died left behind.
    /// </summary>
    private async Task CleanUpAsync()
    {
        foreach (var ended in await store.EndedBeforeAsync(time.GetUtcNow() - options.Value.Retention, PruneBatch))
        {
            File.Delete(PathOf(ended));
            await store.RemoveAsync(ended.Id);
        }
        CleanUpFiles();
    }

    private void CleanUpFiles()
    {
        var now = time.GetUtcNow().UtcDateTime;
        var all = new DirectoryInfo(Directory).EnumerateFiles().ToList();
        foreach (var partial in all.Where(f => f.Name.Contains(".part", StringComparison.Ordinal)
                                              && now - f.LastWriteTimeUtc > options.Value.JobTimeout + TimeSpan.FromMinutes(1)))
        {
            // Older than any run may last: its run died (every replica shares the directory).
            partial.Delete();
        }
        var files = all.Where(f => !f.Name.Contains(".part", StringComparison.Ordinal)).OrderBy(f => f.LastWriteTimeUtc).ToList();
        var total = files.Sum(f => f.Length);
        foreach (var file in files)
        {
            if (now - file.LastWriteTimeUtc > options.Value.Retention || total > options.Value.MaxStorageBytes)
            {
                total -= file.Length;
                file.Delete();
            }
        }
    }

    private static string DownloadName(string title, string extension)
    {
        var safe = new string(title.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' ? c : '_').ToArray()).Trim();
        return (safe.Length == 0 ? "video" : safe.Length > 120 ? safe[..120] : safe) + extension;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Download {Id} of {Platform}/{VideoId} completed")]
    private static partial void LogCompleted(ILogger logger, string id, string platform, string videoId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A download sweep failed: {Reason}")]
    private static partial void LogSweepFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Download {Id} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string id, string reason);
}
