using System.Diagnostics;

namespace VideoPlatform.TestSupport.Media;

/// <summary>
/// Real media made with ffmpeg once per test run (H.264/AAC progressive MP4 with faststart),
/// so that players and ffprobe have something genuine to read.
/// </summary>
public static class MediaFiles
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _progressive;

    /// <summary>A 6-second 640×360 25 fps H.264 + AAC MP4.</summary>
    public static async Task<string> ProgressiveMp4Async()
    {
        await Gate.WaitAsync();
        try
        {
            if (_progressive is null || !File.Exists(_progressive))
            {
                var path = Path.Combine(Path.GetTempPath(), $"test-progressive-{Environment.ProcessId}.mp4");
                await RunAsync("ffmpeg", ["-y", "-loglevel", "error",
                    "-f", "lavfi", "-i", "testsrc=duration=6:size=640x360:rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=440:duration=6",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25",
                    "-c:a", "aac", "-b:a", "96k", "-movflags", "+faststart", path]);
                _progressive = path;
            }
            return _progressive;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string? _hls;

    /// <summary>
    /// An HLS rendition of the progressive file: <c>master.m3u8</c> naming <c>media.m3u8</c>, whose
    /// two-second MPEG-TS segments are <c>seg000.ts</c>…; returns the directory.
    /// </summary>
    public static async Task<string> HlsAsync()
    {
        var source = await ProgressiveMp4Async();
        await Gate.WaitAsync();
        try
        {
            if (_hls is null || !File.Exists(Path.Combine(_hls, "media.m3u8")))
            {
                var directory = Directory.CreateTempSubdirectory("test-hls-").FullName;
                await RunAsync("ffmpeg", ["-y", "-loglevel", "error", "-i", source, "-c", "copy", "-f", "hls", "-hls_time", "2",
                    "-hls_playlist_type", "vod", "-hls_segment_filename", Path.Combine(directory, "seg%03d.ts"), Path.Combine(directory, "media.m3u8")]);
                await File.WriteAllTextAsync(Path.Combine(directory, "master.m3u8"),
                    "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=640x360,CODECS=\"avc1.42c01e,mp4a.40.2\"\nmedia.m3u8\n");
                _hls = directory;
            }
            return _hls;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The progressive file split into a video-only MP4 and an audio-only M4A, as adaptive formats come.</summary>
    public static Task<(string Video, string Audio)> AdaptiveAsync() => SplitAsync(".video.mp4", ".audio.m4a", ["-c", "copy"]);

    /// <summary>
    /// The progressive file split into fragmented video-only and audio-only files with a global
    /// segment index (ftyp, moov, sidx, then moof/mdat pairs), laid out as YouTube's and BiliBili's
    /// adaptive formats are, for DASH on-demand players.
    /// </summary>
    public static Task<(string Video, string Audio)> DashAsync() => SplitAsync(".dash-video.mp4", ".dash-audio.m4a",
        ["-c", "copy", "-movflags", "+frag_keyframe+empty_moov+default_base_moof+global_sidx"]);

    /// <summary>The progressive file's video and audio apart, each copied with <paramref name="copy"/>'s options, made once.</summary>
    private static async Task<(string Video, string Audio)> SplitAsync(string videoExtension, string audioExtension, string[] copy)
    {
        var source = await ProgressiveMp4Async();
        var video = Path.ChangeExtension(source, videoExtension);
        var audio = Path.ChangeExtension(source, audioExtension);
        await Gate.WaitAsync();
        try
        {
            if (!File.Exists(video) || !File.Exists(audio))
            {
                await RunAsync("ffmpeg", ["-y", "-loglevel", "error", "-i", source, "-an", .. copy, video]);
                await RunAsync("ffmpeg", ["-y", "-loglevel", "error", "-i", source, "-vn", .. copy, audio]);
            }
            return (video, audio);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Where a fragmented MP4's initialization segment (ftyp and moov) and its segment index (sidx)
    /// lie, as <c>start-end</c> byte ranges, read from its top-level boxes the way a platform
    /// reports them.
    /// </summary>
    public static (string Init, string Index) SegmentRanges(byte[] file)
    {
        string? init = null, index = null;
        for (long offset = 0; offset + 8 <= file.Length;)
        {
            long size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan((int)offset));
            var type = System.Text.Encoding.ASCII.GetString(file, (int)offset + 4, 4);
            if (size == 1)
            {
                size = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(file.AsSpan((int)offset + 8));
            }
            if (size < 8)
            {
                break;
            }
            if (type == "moov")
            {
                init = $"0-{offset + size - 1}";
            }
            else if (type == "sidx" && index is null)
            {
                index = $"{offset}-{offset + size - 1}";
            }
            offset += size;
        }
        return (init ?? throw new InvalidDataException("no moov box"), index ?? throw new InvalidDataException("no sidx box"));
    }

    /// <summary>Runs a tool and returns its standard output; throws with its standard error when it fails.</summary>
    public static async Task<string> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"{tool} did not start (apt-get install ffmpeg)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish in time");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await error}");
        }
        return await output;
    }
}
