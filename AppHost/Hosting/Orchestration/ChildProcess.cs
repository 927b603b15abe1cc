using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// A process the engine started: its output goes line by line to a callback, and it is stopped
/// the polite way (SIGTERM, so ASP.NET Core shuts down gracefully), then killed after a grace period.
/// </summary>
internal sealed partial class ChildProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;

    private ChildProcess(Process process, Task<int> exited)
    {
        _process = process;
        Exited = exited;
    }

    public int Id => _process.Id;

    /// <summary>Completes with the exit code when the process ends, however it ends.</summary>
    public Task<int> Exited { get; }

    public static ChildProcess Start(
        string fileName, IEnumerable<string> arguments, string workingDirectory,
        IEnumerable<KeyValuePair<string, string>> environment, Action<string, bool> onLine)
    {
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data, false); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data, true); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        return new ChildProcess(process, WaitForExitAsync(process));
    }

    /// <summary>SIGTERM, then a kill of the whole tree if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (Exited.IsCompleted)
        {
            return;
        }

        if (!OperatingSystem.IsWindows() && Terminate(_process.Id, SigTerm) == 0)
        {
            try
            {
                await Exited.WaitAsync(grace);
                return;
            }
            catch (TimeoutException)
            {
                // Fall through to the kill.
            }
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        await Exited;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private static async Task<int> WaitForExitAsync(Process process)
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Terminate(int pid, int signal);
}
