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
