using System.Collections.Concurrent;
using System.Text.Json;
using StackExchange.Redis;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Streaming;

namespace VideoPlatform.Streaming.Downloads;

/// <summary>
/// Download jobs, in this process and — when Redis is there — in Redis, so that a restarted
/// service picks unfinished jobs up again and every replica can answer for every job. Beside the
/// jobs (a hash by id), two sorted sets index them so that no sweep reads them all: unfinished
/// jobs by creation time, ended ones by the time they ended.
/// </summary>
public sealed class DownloadStore(IServiceProvider services)
{
    private const string IndexKey = "downloads:jobs";
    private const string UnfinishedKey = "downloads:unfinished";
    private const string EndedKey = "downloads:ended";
    private readonly IConnectionMultiplexer? _redis = services.GetService<IConnectionMultiplexer>();
    private readonly ConcurrentDictionary<string, DownloadJob> _local = new();
    private readonly ConcurrentDictionary<string, string> _localClaims = new();
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>
    /// Takes the job for this instance, for at most <paramref name="lease"/>: false when another
    /// replica holds it (it is running there). With Redis, one claim across every replica; without,
    /// within this process.
    /// </summary>
    public async Task<bool> TryClaimAsync(string id, TimeSpan lease)
    {
        if (_redis is { IsConnected: true })
        {
            try
            {
                return await _redis.GetDatabase().StringSetAsync(ClaimKey(id), _instance, lease, When.NotExists);
            }
            catch (RedisException)
            {
                // Without Redis, no other replica can be told either: this process decides alone.
            }
        }
        return _localClaims.TryAdd(id, _instance);
    }

    /// <summary>Whether some instance holds the job now.</summary>
    public async Task<bool> IsClaimedAsync(string id)
    {
        if (_redis is { IsConnected: true })
        {
            try
            {
                return await _redis.GetDatabase().KeyExistsAsync(ClaimKey(id));
            }
            catch (RedisException)
            {
                // Fall back to what this process knows.
            }
        }
        return _localClaims.ContainsKey(id);
    }

    /// <summary>Gives up this instance's claim on the job (only its own).</summary>
    public async Task ReleaseAsync(string id)
    {
        _localClaims.TryRemove(id, out _);
        if (_redis is { IsConnected: true })
        {
            try
            {
                var db = _redis.GetDatabase();
                if (await db.StringGetAsync(ClaimKey(id)) == _instance)
                {
                    await db.KeyDeleteAsync(ClaimKey(id));
                }
            }
            catch (RedisException)
            {
                // The lease runs out by itself.
            }
        }
    }

    private static string ClaimKey(string id) => $"downloads:claim:{id}";

    /// <summary>Whether a job in <paramref name="state"/> is over: completed, failed or cancelled.</summary>
    public static bool HasEnded(string state) => state is DownloadStates.Completed or DownloadStates.Failed or DownloadStates.Cancelled;

    public async Task SaveAsync(DownloadJob job)
    {
        _local[job.Id] = job;
        if (_redis is { IsConnected: true })
        {
            try
            {
                // One transaction, so that a job is never in the hash without its place in the indexes.
                var save = _redis.GetDatabase().CreateTransaction();
                _ = save.HashSetAsync(IndexKey, job.Id, JsonSerializer.Serialize(job, ContractJson.Options));
                if (HasEnded(job.State))
                {
                    _ = save.SortedSetRemoveAsync(UnfinishedKey, job.Id);
                    _ = save.SortedSetAddAsync(EndedKey, job.Id, job.UpdatedAt.ToUnixTimeMilliseconds());
                }
                else
                {
                    _ = save.SortedSetRemoveAsync(EndedKey, job.Id);
                    _ = save.SortedSetAddAsync(UnfinishedKey, job.Id, job.CreatedAt.ToUnixTimeMilliseconds());
                }
                await save.ExecuteAsync();
            }
            catch (RedisException)
            {
                // The local copy stands; Redis catches up at the next change.
            }
        }
    }

    /// <summary>Ids of the jobs not yet ended, oldest first: what a replica may have to resume.</summary>
    public async Task<IReadOnlyList<string>> UnfinishedAsync()
    {
        if (_redis is { IsConnected: true })
        {
            try
            {
                return (await _redis.GetDatabase().SortedSetRangeByRankAsync(UnfinishedKey)).Select(id => id.ToString()).ToList();
            }
            catch (RedisException)
            {
                // Fall back to what this process knows.
            }
        }
        return _local.Values.Where(j => !HasEnded(j.State)).OrderBy(j => j.CreatedAt).Select(j => j.Id).ToList();
    }

    /// <summary>At most <paramref name="count"/> jobs that ended before <paramref name="cutoff"/>, read by the index of end times.</summary>
    public async Task<IReadOnlyList<DownloadJob>> EndedBeforeAsync(DateTimeOffset cutoff, int count)
    {
        if (_redis is { IsConnected: true })
        {
            try
            {
                var db = _redis.GetDatabase();
                var ids = await db.SortedSetRangeByScoreAsync(EndedKey, double.NegativeInfinity, cutoff.ToUnixTimeMilliseconds(), take: count);
                if (ids.Length == 0)
                {
                    return [];
                }
                var values = await db.HashGetAsync(IndexKey, ids);
                var jobs = new List<DownloadJob>(ids.Length);
                for (var i = 0; i < ids.Length; i++)
                {
                    if (values[i].HasValue)
                    {
                        jobs.Add(JsonSerializer.Deserialize<DownloadJob>(values[i].ToString(), ContractJson.Options)!);
                    }
                    else
                    {
                        // The job went (deleted by its owner) and left its index entry behind.
                        await db.SortedSetRemoveAsync(EndedKey, ids[i]);
                    }
                }
                return jobs;
            }
            catch (RedisException)
            {
                // Fall back to what this process knows.
            }
        }
        return _local.Values.Where(j => HasEnded(j.State) && j.UpdatedAt < cutoff).OrderBy(j => j.UpdatedAt).Take(count).ToList();
    }

    public async Task<DownloadJob?> GetAsync(string id)
    {
        if (_redis is { IsConnected: true })
        {
            try
            {
                // Redis's answer stands, absence included: a job deleted through another replica
                // is gone here too, whatever this process saved of it.
                var value = await _redis.GetDatabase().HashGetAsync(IndexKey, id);
                return value.HasValue ? JsonSerializer.Deserialize<DownloadJob>(value.ToString(), ContractJson.Options) : null;
            }
            catch (RedisException)
            {
                // Fall back to what this process knows.
            }
        }
        return _local.GetValueOrDefault(id);
    }

    public async Task<IReadOnlyList<DownloadJob>> ListAsync()
    {
        if (_redis is { IsConnected: true })
        {
            try
            {
                var entries = await _redis.GetDatabase().HashGetAllAsync(IndexKey);
                return entries.Select(e => JsonSerializer.Deserialize<DownloadJob>(e.Value.ToString(), ContractJson.Options)!)
                    .OrderByDescending(j => j.CreatedAt).ToList();
            }
            catch (RedisException)
            {
                // Fall back to what this process knows.
            }
        }
        return _local.Values.OrderByDescending(j => j.CreatedAt).ToList();
    }

    public async Task RemoveAsync(string id)
    {
        _local.TryRemove(id, out _);
        if (_redis is { IsConnected: true })
        {
            try
            {
                var remove = _redis.GetDatabase().CreateTransaction();
                _ = remove.HashDeleteAsync(IndexKey, id);
                _ = remove.SortedSetRemoveAsync(UnfinishedKey, id);
                _ = remove.SortedSetRemoveAsync(EndedKey, id);
                await remove.ExecuteAsync();
            }
            catch (RedisException)
            {
                // Nothing more to do.
            }
        }
    }
}
