using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Wraps the Redis-backed <see cref="IDistributedCache"/> so each call is a client span
/// (<c>db.system.name=redis</c>): a request that reaches Redis shows it in its trace, which
/// StackExchange.Redis's own instrumentation (not served here) would otherwise have done.
/// A Redis that is away reads as a miss and writes as nothing: HybridCache then carries on with
/// its in-process level exactly as it would without a second level, instead of meeting exceptions.
/// </summary>
internal sealed class InstrumentedDistributedCache(IDistributedCache inner) : IBufferDistributedCache
{
    public static readonly ActivitySource Source = new(PlatformTelemetry.Prefix + ".Redis");

    private readonly IBufferDistributedCache? _buffered = inner as IBufferDistributedCache;

    public byte[]? Get(string key)
    {
        using var activity = Start("GET", key);
        return Guard(activity, () => inner.Get(key));
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        using var activity = Start("GET", key);
        return await GuardAsync(activity, () => inner.GetAsync(key, token));
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        using var activity = Start("SET", key);
        Guard(activity, () => { inner.Set(key, value, options); return true; });
    }

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        using var activity = Start("SET", key);
        await GuardAsync(activity, async () => { await inner.SetAsync(key, value, options, token); return true; });
    }

    public void Refresh(string key)
    {
        using var activity = Start("REFRESH", key);
        Guard(activity, () => { inner.Refresh(key); return true; });
    }

    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        using var activity = Start("REFRESH", key);
        await GuardAsync(activity, async () => { await inner.RefreshAsync(key, token); return true; });
    }

    public void Remove(string key)
    {
        using var activity = Start("DEL", key);
        Guard(activity, () => { inner.Remove(key); return true; });
    }

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        using var activity = Start("DEL", key);
        await GuardAsync(activity, async () => { await inner.RemoveAsync(key, token); return true; });
    }

    public bool TryGet(string key, IBufferWriter<byte> destination)
    {
        using var activity = Start("GET", key);
        if (_buffered is not null)
        {
            return Guard(activity, () => _buffered.TryGet(key, destination));
        }
        var value = Guard(activity, () => inner.Get(key));
        if (value is null)
        {
            return false;
        }
        destination.Write(value);
        return true;
    }

    public async ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default)
    {
        using var activity = Start("GET", key);
        if (_buffered is not null)
        {
            return await GuardAsync(activity, async () => await _buffered.TryGetAsync(key, destination, token));
        }
        var value = await GuardAsync(activity, () => inner.GetAsync(key, token));
        if (value is null)
        {
            return false;
        }
        destination.Write(value);
        return true;
    }

    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options)
    {
        using var activity = Start("SET", key);
        if (_buffered is not null)
        {
            Guard(activity, () => { _buffered.Set(key, value, options); return true; });
            return;
        }
        Guard(activity, () => { inner.Set(key, value.ToArray(), options); return true; });
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        using var activity = Start("SET", key);
        if (_buffered is not null)
        {
            await GuardAsync(activity, async () => { await _buffered.SetAsync(key, value, options, token); return true; });
            return;
        }
        await GuardAsync(activity, async () => { await inner.SetAsync(key, value.ToArray(), options, token); return true; });
    }

    private static T? Guard<T>(Activity? activity, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception ex) when (IsRedisAway(ex))
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            return default;
        }
    }

    private static async Task<T?> GuardAsync<T>(Activity? activity, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (IsRedisAway(ex))
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            return default;
        }
    }

    private static bool IsRedisAway(Exception ex) => ex is RedisException or TimeoutException or ObjectDisposedException;

    private static Activity? Start(string operation, string key)
    {
        // HybridCache reads its second level off the caller's context: find the caller by the key.
        var activity = Activity.Current is null
            ? Source.StartActivity($"redis {operation}", ActivityKind.Client, TracedHybridCache.CallerOf(key))
            : Source.StartActivity($"redis {operation}", ActivityKind.Client);
        activity?.SetTag("db.system.name", "redis");
        activity?.SetTag("db.operation.name", operation);
        activity?.SetTag("cache.key", key);
        return activity;
    }
}
