using System.Diagnostics;

namespace VideoPlatform.Legacy.Tests.Fakes;

/// <summary>Runs ffmpeg and ffprobe (installed on the machine; CI: apt-get install ffmpeg).</summary>
public static class MediaTools
{
    /// <summary>A 2-second 426x240 H.264/AAC progressive MP4, the kind VRChat players play.</summary>
    public static async Task<string> CreateSampleMp4Async(string directory)
    {
        var path = Path.Combine(directory, "sample.mp4");
        await RunAsync("ffmpeg", ["-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc=size=426x240:rate=15", "-f", "lavfi", "-i", "sine=frequency=440",
            "-t", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart", path]);
        return path;
    }

    public static Task<string> RunAsync(string tool, IEnumerable<string> arguments) => RunAsync(tool, arguments, TimeSpan.FromSeconds(60));

    public static async Task<string> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        using var cts = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(cts.Token);
        var error = process.StandardError.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {await error}");
        }
        return await output;
    }
}
