using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// Solved players in Redis, shared by replicas, with one solve per version across all of them: the
/// replica that takes the version's lock downloads and solves it while the others wait for its answer
/// to appear (or for the lock to lapse, if that replica died). Entries are gzipped JSON (a prepared
/// player is a few megabytes of script) under a key that names the solver's version. Without Redis,
/// or when it fails, each replica solves for itself.
/// </summary>
public sealed partial class SolvedPlayerStore(
    IServiceProvider services,
    IOptions<PlayerSolverOptions> options,
    IOptions<YouTubeOptions> youtube,
    TimeProvider time,
    ILogger<SolvedPlayerStore> logger)
{
    private readonly IConnectionMultiplexer? _redis = services.GetService<IConnectionMultiplexer>();

    /// <summary>
    /// The solve of <paramref name="version"/>: <paramref name="load"/>ed from Redis when a replica has
    /// kept one, else <paramref name="solve"/>d here (and kept) unless another replica is at it.
    /// </summary>
    public async Task<T> SolveOnceAsync<T>(string version, Func<SolvedPlayer, CancellationToken, T> load,
        Func<CancellationToken, Task<(SolvedPlayer Solved, T Value)>> solve, CancellationToken cancellationToken)
    {
        if (_redis is null)
        {
            return (await solve(cancellationToken)).Value;
        }
        var giveUpAt = time.GetUtcNow() + options.Value.SolveLockTtl * 2;
        var lockKey = (RedisKey)$"youtube:player-solve-lock:{PlayerSolver.Version}:{version}";
        var token = (RedisValue)Guid.NewGuid().ToString("N");
        while (true)
        {
            if (await FindAsync(version) is { } stored && TryLoad(stored, load, cancellationToken, out var loaded))
            {
                return loaded;
            }
            if (await TryTakeLockAsync(lockKey, token) is not false || time.GetUtcNow() > giveUpAt)
            {
                // Taken, or Redis cannot say: solve here. A second look first, in case the holder
                // finished between the two reads.
                try
                {
                    if (await FindAsync(version) is { } late && TryLoad(late, load, cancellationToken, out var loadedLate))
                    {
                        return loadedLate;
                    }
                    var (solved, value) = await solve(cancellationToken);
                    await SaveAsync(solved);
                    return value;
                }
                finally
                {
                    await ReleaseLockAsync(lockKey, token);
                }
            }
            LogWaitingForSolve(logger, version);
            await Task.Delay(options.Value.SolveWaitPollInterval, time, cancellationToken);
        }
    }

    private bool TryLoad<T>(SolvedPlayer stored, Func<SolvedPlayer, CancellationToken, T> load, CancellationToken cancellationToken, out T loaded)
    {
        try
        {
            loaded = load(stored, cancellationToken);
            return true;
        }
        catch (PlayerScriptException ex)
        {
            LogStoredSolveUnusable(logger, stored.Version, ex.Message);
            loaded = default!;
            return false;
        }
    }

    private async Task<SolvedPlayer?> FindAsync(string version)
    {
        try
        {
            var bytes = (byte[]?)await _redis!.GetDatabase().StringGetAsync(Key(version));
            if (bytes is null)
            {
                return null;
            }
            await using var unzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            return await JsonSerializer.DeserializeAsync(unzip, SolvedPlayerJson.Default.SolvedPlayer);
        }
        catch (Exception ex) when (ex is RedisException or JsonException or InvalidDataException)
        {
            LogStoreFailed(logger, version, ex.Message);
            return null;
        }
    }

    private async Task SaveAsync(SolvedPlayer solved)
    {
        try
        {
            using var buffer = new MemoryStream();
            await using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                await JsonSerializer.SerializeAsync(zip, solved, SolvedPlayerJson.Default.SolvedPlayer);
            }
            await _redis!.GetDatabase().StringSetAsync(Key(solved.Version), buffer.ToArray(), youtube.Value.PlayerFunctionsTtl);
        }
        catch (RedisException ex)
        {
            LogStoreFailed(logger, solved.Version, ex.Message);
        }
    }

    /// <summary>True when taken, false when another replica holds it, null when Redis cannot say.</summary>
    private async Task<bool?> TryTakeLockAsync(RedisKey key, RedisValue token)
    {
        try
        {
            return await _redis!.GetDatabase().LockTakeAsync(key, token, options.Value.SolveLockTtl);
        }
        catch (RedisException ex)
        {
            LogStoreFailed(logger, key.ToString(), ex.Message);
            return null;
        }
    }

    private async Task ReleaseLockAsync(RedisKey key, RedisValue token)
    {
        try
        {
            await _redis!.GetDatabase().LockReleaseAsync(key, token);
        }
        catch (RedisException ex)
        {
            LogStoreFailed(logger, key.ToString(), ex.Message);
        }
    }

    private static RedisKey Key(string version) => $"youtube:player-solved:{PlayerSolver.Version}:{version}";

    [LoggerMessage(Level = LogLevel.Information, Message = "YouTube player {Version} is being solved by another replica; waiting for its answer")]
    private static partial void LogWaitingForSolve(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The kept solve of YouTube player {Version} cannot be used: {Reason}")]
    private static partial void LogStoredSolveUnusable(ILogger logger, string version, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis failed for solved YouTube player {Version}: {Reason}")]
    private static partial void LogStoreFailed(ILogger logger, string version, string reason);
}
