using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoPlatform.Bench;

/// <summary>One load run's outcome, as wrk reports it.</summary>
internal sealed record LoadResult(double RequestsPerSecond, double P50Ms, double P99Ms, double TransferBytesPerSecond, long Errors)
{
    /// <summary>Requests completed in the run.</summary>
    public long Requests { get; init; }

    /// <summary>wrk's own words for the errors (socket errors by kind, non-2xx/3xx answers); empty when none.</summary>
    public string ErrorSummary { get; init; } = "";
}

/// <summary>Runs <c>wrk</c> (Debian package <c>wrk</c>) and reads its summary.</summary>
internal static partial class Wrk
{
    public static async Task<LoadResult> RunAsync(string url, TimeSpan duration, int connections, int threads = 2)
    {
        var arguments = new[] { "--latency", "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{(int)duration.TotalSeconds}s", url };
        using var process = Process.Start(new ProcessStartInfo("wrk", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
                            ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk)");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed: {output}{await process.StandardError.ReadToEndAsync()}");
        }
        return Parse(output);
    }

    internal static LoadResult Parse(string output)
    {
        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var transfer = Transfer().Match(output);
        var errors = Errors().Matches(output).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
                     + (Non2xx().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
        var summary = string.Join("; ", output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("Socket errors:", StringComparison.Ordinal) || line.StartsWith("Non-2xx", StringComparison.Ordinal)));
        var bytesPerSecond = transfer.Success ? Size(transfer.Groups[1].Value, transfer.Groups[2].Value) : 0;
        var requests = CompletedRequests().Match(output) is { Success: true } r ? long.Parse(r.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new LoadResult(rps, Percentile(output, "50%"), Percentile(output, "99%"), bytesPerSecond, errors) { ErrorSummary = summary, Requests = requests };
    }

    private static double Percentile(string output, string label)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(label)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            return double.NaN;
        }
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static double Size(string value, string unit) =>
        double.Parse(value, CultureInfo.InvariantCulture) * unit switch
        {
            "KB" => 1024d,
            "MB" => 1024d * 1024,
            "GB" => 1024d * 1024 * 1024,
            _ => 1d,
        };

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in ")]
    private static partial Regex CompletedRequests();

    [GeneratedRegex(@"Transfer/sec:\s+([\d.]+)(B|KB|MB|GB)")]
    private static partial Regex Transfer();

    [GeneratedRegex(@"(?:connect|read|write|timeout) (\d+)")]
    private static partial Regex Errors();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xx();
}
