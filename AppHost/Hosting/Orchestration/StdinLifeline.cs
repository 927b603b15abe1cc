namespace Aspire.Hosting.Orchestration;

/// <summary>
/// For a program that cannot watch the AppHost itself (redis-server, unlike the projects, which
/// read their own standard input: ServiceDefaults' <c>AppHostLifeline</c>): it runs under
/// <c>/bin/sh</c> beside a watcher of the standard input the AppHost holds open, and is sent
/// SIGTERM when that input closes — when the AppHost died without stopping it. A SIGTERM to the
/// shell (the AppHost's own stop) is passed on, and the shell exits with the program's status.
/// </summary>
internal static class StdinLifeline
{
    public const string Shell = "/bin/sh";

    // $0 is the program, "$@" its arguments. The watcher is a subshell reading fd 3 (the original
    // stdin; an asynchronous list's own stdin is /dev/null), so there is no extra process to leave.
    private const string Script = """
        exec 3<&0
        "$0" "$@" </dev/null &
        child=$!
        trap 'kill -TERM "$child" 2>/dev/null' TERM INT
        (while read -r _ <&3; do :; done; kill -TERM "$child" 2>/dev/null) &
        watcher=$!
        status=0
        while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
        kill "$watcher" 2>/dev/null
        exit "$status"
        """;

    public static bool IsAvailable => !OperatingSystem.IsWindows() && File.Exists(Shell);

    /// <summary>The shell's arguments that run <paramref name="fileName"/> with <paramref name="arguments"/> under the watcher.</summary>
    public static IReadOnlyList<string> Arguments(string fileName, IReadOnlyList<string> arguments) =>
        ["-c", Script, fileName, .. arguments];
}
