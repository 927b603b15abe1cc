using System.Collections.Concurrent;
using System.Text.Json;
using StackExchange.Redis;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Streaming;

namespace VideoPlatform.Streaming.Downloads;

/// <summary>
/// Download jobs, in this process and — when Redis is there — in Redis, so that a restarted
/// service picks unfinished jobs up again and every replica can answer for every job.
/// </summary>
public sealed class DownloadStore(IServiceProvider services)
{
    private const string IndexKey = "downloads:jobs";
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

    public async Task SaveAsync(DownloadJob job)
    {
        _local[job.Id] = job;
        if (_redis is { IsConnected: true })
        {
            try
            {
                await _redis.GetDatabase().HashSetAsync(IndexKey, job.Id, JsonSerializer.Serialize(job, ContractJson.Options));
            }
            catch (RedisException)
            {
                // The local copy stands; Redis catches up at the next change.
            }
        }
    }

    public async Task<DownloadJob?> GetAsync(string id)
    {
        if (_redis is { IsConnected: true })
        {
            try
            {
                var value = await _redis.GetDatabase().HashGetAsync(IndexKey, id);
                if (value.HasValue)
                {
                    return JsonSerializer.Deserialize<DownloadJob>(value.ToString(), ContractJson.Options);
                }
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
                await _redis.GetDatabase().HashDeleteAsync(IndexKey, id);
            }
            catch (RedisException)
            {
                // Nothing more to do.
            }
        }
    }
}
