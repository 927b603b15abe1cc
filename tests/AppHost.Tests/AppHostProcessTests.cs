using System.Diagnostics;
using System.Text;
using VideoPlatform.TestSupport;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// The AppHost as a user runs it: a real process, its console output read line by line, stopped
/// with a signal. Linux only (it reads /proc to find the children).
/// </summary>
public sealed class AppHostProcessTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Without_redis_server_it_says_so_in_one_line_runs_degraded_and_sigterm_leaves_nothing_behind()
    {
        // A PATH with dotnet but without redis-server (on Debian /bin is /usr/bin, so only dotnet's own directory).
        var dotnet = Path.GetDirectoryName(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "/usr/bin/dotnet")!;
        var output = new StringBuilder();
        var tableShown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ports = Enumerable.Range(0, 3).Select(_ => FreePort.Next()).ToArray();

        using var apphost = new Process
        {
            StartInfo = new ProcessStartInfo("dotnet",
            [
                Path.Combine(AppContext.BaseDirectory, "AppHost.dll"),
                $"--AppHost:Ports:metadata={ports[0]}", $"--AppHost:Ports:streaming={ports[1]}", $"--AppHost:Ports:legacy={ports[2]}",
                "--no-dashboard",
            ])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                Environment = { ["PATH"] = dotnet, ["DOTNET_ENVIRONMENT"] = "Development" },
            },
        };
        apphost.OutputDataReceived += (_, e) => Collect(e.Data);
        apphost.ErrorDataReceived += (_, e) => Collect(e.Data);
        apphost.Start();
        apphost.BeginOutputReadLine();
        apphost.BeginErrorReadLine();

        try
        {
            await tableShown.Task.WaitAsync(Deadline);
            var text = Snapshot();
            Assert.Single(text.Split('\n'), l => l.Contains("redis-server is not on PATH") && l.Contains("apt-get install redis-server"));
            Assert.Contains($"http://localhost:{ports[2]}", text);

            using var legacy = new HttpClient { BaseAddress = new Uri($"http://localhost:{ports[2]}") };
            using var platforms = await legacy.GetAsync("/api/platforms");
            Assert.True(platforms.IsSuccessStatusCode, $"legacy answered {(int)platforms.StatusCode}");
            var metadataHealth = await new HttpClient().GetStringAsync($"http://localhost:{ports[0]}/health");
            Assert.Contains("\"Degraded\"", metadataHealth);

            var children = ChildrenOf(apphost.Id);
            Assert.Equal(3, children.Count);

            Assert.Equal(0, Kill(apphost.Id, 15));
            await apphost.WaitForExitAsync().WaitAsync(Deadline);

            Assert.All(children, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"child {pid} outlived the AppHost"));
            Assert.Contains("Stopped", Snapshot());
        }
        finally
        {
            if (!apphost.HasExited)
            {
                apphost.Kill(entireProcessTree: true);
            }
        }

        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(line);
            }
            if (line.Contains("Press Ctrl+C to stop."))
            {
                tableShown.TrySetResult();
            }
        }

        string Snapshot()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private static List<int> ChildrenOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == parent)
            .ToList();

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1]);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
