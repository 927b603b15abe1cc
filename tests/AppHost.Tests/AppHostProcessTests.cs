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
        using var apphost = await RunningAppHost.StartAsync();

        var text = apphost.Output;
        Assert.Single(text.Split('\n'), l => l.Contains("redis-server is not on PATH") && l.Contains("apt-get install redis-server"));
        Assert.Contains($"http://localhost:{apphost.Ports[2]}", text);

        using var legacy = new HttpClient { BaseAddress = new Uri($"http://localhost:{apphost.Ports[2]}") };
        using var platforms = await legacy.GetAsync("/api/platforms");
        Assert.True(platforms.IsSuccessStatusCode, $"legacy answered {(int)platforms.StatusCode}");
        var metadataHealth = await new HttpClient().GetStringAsync($"http://localhost:{apphost.Ports[0]}/health");
        Assert.Contains("\"Degraded\"", metadataHealth);

        var children = ProcessTree.Children(apphost.Process.Id);
        Assert.Equal(3, children.Count);

        Assert.Equal(0, Kill(apphost.Process.Id, 15));
        await apphost.Process.WaitForExitAsync().WaitAsync(Deadline);

        Assert.All(children, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"child {pid} outlived the AppHost"));
        Assert.Contains("Stopped", apphost.Output);
    }

    [Fact]
    public async Task A_killed_apphost_leaves_no_service_and_no_redis_behind()
    {
        using var apphost = await RunningAppHost.StartAsync(withRedis: true);
        var children = ProcessTree.Descendants(apphost.Process.Id);
        Assert.Equal(3, ProcessTree.Children(apphost.Process.Id).Count(pid => CommandLine(pid).Contains(".dll")));
        Assert.Single(children, pid => CommandLine(pid).StartsWith("redis-server", StringComparison.Ordinal));

        // SIGKILL: the AppHost gets no chance to stop anything; each service notices its standard
        // input close and stops by itself, and Redis's watcher stops Redis.
        Assert.Equal(0, Kill(apphost.Process.Id, 9));
        await apphost.Process.WaitForExitAsync().WaitAsync(Deadline);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (children.Any(pid => Directory.Exists($"/proc/{pid}")) && !timeout.IsCancellationRequested)
        {
            await Task.Delay(100);
        }
        var survivors = children.Where(pid => Directory.Exists($"/proc/{pid}")).ToList();
        foreach (var pid in survivors)
        {
            Kill(pid, 9);
        }
        Assert.Empty(survivors);
        // Their ports are free again for the next run.
        Assert.All(apphost.Ports, port =>
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
        });
    }

    /// <summary>
    /// <c>dotnet AppHost.dll</c> on three free ports, without a dashboard, with a PATH holding dotnet
    /// and, unless asked for, not redis-server (on Debian /bin is /usr/bin, so only dotnet's own
    /// directory), once it printed its table of resources.
    /// </summary>
    private sealed class RunningAppHost : IDisposable
    {
        private readonly StringBuilder _output = new();
        private readonly TaskCompletionSource _tableShown = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private RunningAppHost(bool withRedis)
        {
            var dotnet = Path.GetDirectoryName(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "/usr/bin/dotnet")!;
            // redis-server is in /usr/bin on Debian (installed by .ci/run).
            var path = withRedis ? $"{dotnet}:/usr/bin" : dotnet;
            Process = new Process
            {
                StartInfo = new ProcessStartInfo("dotnet",
                [
                    Path.Combine(AppContext.BaseDirectory, "AppHost.dll"),
                    $"--AppHost:Ports:metadata={Ports[0]}", $"--AppHost:Ports:streaming={Ports[1]}", $"--AppHost:Ports:legacy={Ports[2]}",
                    "--no-dashboard",
                ])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                    Environment = { ["PATH"] = path, ["DOTNET_ENVIRONMENT"] = "Development" },
                },
            };
            Process.OutputDataReceived += (_, e) => Collect(e.Data);
            Process.ErrorDataReceived += (_, e) => Collect(e.Data);
        }

        public Process Process { get; }

        public int[] Ports { get; } = Enumerable.Range(0, 3).Select(_ => FreePort.Next()).ToArray();

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static async Task<RunningAppHost> StartAsync(bool withRedis = false)
        {
            var apphost = new RunningAppHost(withRedis);
            apphost.Process.Start();
            apphost.Process.BeginOutputReadLine();
            apphost.Process.BeginErrorReadLine();
            try
            {
                await apphost._tableShown.Task.WaitAsync(Deadline);
            }
            catch
            {
                apphost.Dispose();
                throw;
            }
            return apphost;
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }
            Process.Dispose();
        }

        private void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (_output)
            {
                _output.AppendLine(line);
            }
            if (line.Contains("Press Ctrl+C to stop."))
            {
                _tableShown.TrySetResult();
            }
        }
    }

    /// <summary>A process's command line, its program's path shortened to its name.</summary>
    private static string CommandLine(int pid) =>
        ProcessTree.Arguments(pid) is [var program, .. var arguments] ? string.Join(' ', [Path.GetFileName(program), .. arguments]) : "";

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
