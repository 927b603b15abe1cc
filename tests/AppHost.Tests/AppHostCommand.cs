using System.Diagnostics;

namespace VideoPlatform.AppHost.Tests;

/// <summary>The built AppHost run once with arguments, as azd or a user runs it to publish.</summary>
internal static class AppHostCommand
{
    /// <summary>Runs <c>dotnet AppHost.dll</c> with <paramref name="arguments"/> to its end; its output, or a failure showing it.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AppHost.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await error;
        Assert.True(process.ExitCode == 0, text);
        return text;
    }
}
