using System.Diagnostics;
using System.Net;
using System.Text;
using VideoPlatform.TestSupport;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// The AppHost as a user runs it: a real process with its dashboard, its console read line by
/// line, stopped with a signal or killed. The services listen on their fixed local ports
/// (5101-5103). Linux only (it reads /proc to find what DCP started).
/// </summary>
public sealed class AppHostProcessTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Without_redis_server_it_says_so_in_one_line_runs_degraded_and_sigterm_leaves_nothing_behind()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        using var apphost = await RunningAppHost.StartAsync(withRedis: false, timeout.Token);

        Assert.Single(apphost.Output.Split('\n'), l => l.Contains("redis-server is not on PATH") && l.Contains("apt-get install redis-server"));
        using var client = new HttpClient();
        using var platforms = await client.GetAsync("http://localhost:5103/api/platforms", timeout.Token);
        Assert.Equal(HttpStatusCode.OK, platforms.StatusCode);
        using var health = await client.GetAsync("http://localhost:5101/health", timeout.Token);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("\"Degraded\"", await health.Content.ReadAsStringAsync(timeout.Token));
        var started = apphost.Started();
        Assert.Equal(3, started.Count(IsService));

        Assert.Equal(0, Kill(apphost.Process.Id, 15));
        await apphost.Process.WaitForExitAsync(timeout.Token);

        await AssertGoneAsync(started, timeout.Token);
    }

    [Fact]
    public async Task A_killed_apphost_leaves_no_service_and_no_redis_behind()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        using var apphost = await RunningAppHost.StartAsync(withRedis: true, timeout.Token);
        var started = apphost.Started();
        Assert.Equal(3, started.Count(IsService));
        Assert.Single(started, pid => ProcessTree.CommandLine(pid).StartsWith("redis-server", StringComparison.Ordinal));

        // SIGKILL: the AppHost gets no chance to stop anything; DCP, watching its process, does.
        Assert.Equal(0, Kill(apphost.Process.Id, 9));
        await apphost.Process.WaitForExitAsync(timeout.Token);

        await AssertGoneAsync(started, timeout.Token);
        // Their ports are free again for the next run.
        Assert.All(RunningAppHost.Ports, port => Assert.True(IsFree(port), $"port {port} is still taken"));
    }

    private static async Task AssertGoneAsync(IReadOnlyList<int> started, CancellationToken cancellationToken)
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var either = CancellationTokenSource.CreateLinkedTokenSource(grace.Token, cancellationToken);
        try
        {
            await Wait.UntilAsync(() => Task.FromResult(started.Any(ProcessTree.IsAlive) ? null : "gone"), either.Token);
        }
        catch (OperationCanceledException)
        {
            var survivors = started.Where(ProcessTree.IsAlive).ToList();
            foreach (var pid in survivors)
            {
                Kill(pid, 9);
            }
            Assert.Fail($"outlived the AppHost: {string.Join(", ", survivors.Select(ProcessTree.CommandLine))}");
        }
    }

    /// <summary>
    /// <c>dotnet AppHost.dll</c> as its launch profile runs it, its dashboard on free ports, with a
    /// PATH holding dotnet and, unless asked for, not redis-server; ready once each service answers.
    /// </summary>
    private sealed class RunningAppHost : IDisposable
    {
        /// <summary>metadata, streaming and legacy: their launch profiles' ports.</summary>
        public static readonly int[] Ports = [5101, 5102, 5103];

        private readonly StringBuilder _output = new();

        private RunningAppHost(bool withRedis)
        {
            var dotnet = Path.GetDirectoryName(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "/usr/share/dotnet/dotnet")!;
            // redis-server is in /usr/bin on Debian.
            var path = withRedis ? $"{dotnet}:/usr/bin" : dotnet;
            Process = new Process
            {
                StartInfo = new ProcessStartInfo(Path.Combine(dotnet, "dotnet"), [Path.Combine(AppContext.BaseDirectory, "AppHost.dll")])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                    Environment =
                    {
                        ["PATH"] = path,
                        ["DOTNET_ENVIRONMENT"] = "Development",
                        ["ASPNETCORE_ENVIRONMENT"] = "Development",
                        ["ASPNETCORE_URLS"] = $"http://localhost:{FreePort.Next()}",
                        ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}",
                        ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}",
                        ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
                    },
                },
            };
            Process.OutputDataReceived += (_, e) => Collect(e.Data);
            Process.ErrorDataReceived += (_, e) => Collect(e.Data);
        }

        public Process Process { get; }

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

        public static async Task<RunningAppHost> StartAsync(bool withRedis, CancellationToken cancellationToken)
        {
            // A run before this one may still be stopping: its services would answer for ours.
            await Wait.UntilAsync(() => Task.FromResult(Ports.All(IsFree) ? "free" : null), cancellationToken);
            var apphost = new RunningAppHost(withRedis);
            apphost.Process.Start();
            apphost.Process.BeginOutputReadLine();
            apphost.Process.BeginErrorReadLine();
            try
            {
                using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                foreach (var port in Ports)
                {
                    await Wait.UntilAsync(async () =>
                    {
                        Assert.False(apphost.Process.HasExited, apphost.Output);
                        try
                        {
                            using var response = await client.GetAsync($"http://localhost:{port}/health", cancellationToken);
                            return response.IsSuccessStatusCode ? response : null;
                        }
                        // DCP's proxy holds connections open until the service behind it listens.
                        catch (Exception ex) when (ex is HttpRequestException || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
                        {
                            return null;
                        }
                    }, cancellationToken);
                }
            }
            catch
            {
                apphost.Dispose();
                throw;
            }
            return apphost;
        }

        /// <summary>DCP (it detaches from the AppHost and watches it by pid) and everything it started.</summary>
        public List<int> Started()
        {
            var dcp = ProcessTree.All().Where(pid => ProcessTree.CommandLine(pid).Contains($"--monitor {Process.Id}")).ToList();
            return [.. dcp, .. dcp.SelectMany(ProcessTree.Descendants)];
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
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>A service's own process (DCP runs it through <c>dotnet run</c>, which starts its apphost executable).</summary>
    private static bool IsService(int pid) => ProcessTree.CommandLine(pid).Split(' ')[0] is "Metadata" or "Streaming" or "Legacy";

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
