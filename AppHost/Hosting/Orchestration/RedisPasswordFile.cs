namespace Aspire.Hosting.Orchestration;

/// <summary>
/// The password a local <c>redis-server</c> requires, handed to it in a configuration file that
/// only its owner can read instead of as <c>--requirepass</c> on the command line, which any local
/// user can read (<c>ps</c>, <c>/proc/&lt;pid&gt;/cmdline</c>). Redis reads the file when it starts
/// and not again, so it is written before each start and removed once Redis answers to it.
/// </summary>
internal sealed class RedisPasswordFile(string password)
{
    private readonly Lock _gate = new();
    private DirectoryInfo? _directory;

    /// <summary>The file of the current start; <see cref="Write"/> makes it.</summary>
    public string Path => System.IO.Path.Combine(_directory?.FullName ?? throw new InvalidOperationException("The password file is not written."), "redis.conf");

    public void Write()
    {
        lock (_gate)
        {
            RemoveLocked();
            // A directory of its own (created for its owner only on Unix) holding a file for its owner only.
            _directory = Directory.CreateTempSubdirectory("apphost-redis-");
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using var writer = new StreamWriter(Path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
            writer.Write($"requirepass {Quoted(password)}\n");
        }
    }

    public void Remove()
    {
        lock (_gate)
        {
            RemoveLocked();
        }
    }

    private void RemoveLocked()
    {
        if (_directory is { } directory)
        {
            _directory = null;
            try
            {
                directory.Delete(recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone already, or held on Windows: the temp directory's owner can still read only their own.
            }
        }
    }

    /// <summary>A value as Redis's configuration parser reads a double-quoted string.</summary>
    internal static string Quoted(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";
}
