using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Caching.Distributed;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Wraps the Redis-backed <see cref="IDistributedCache"/> so each call is a client span
/// (<c>db.system.name=redis</c>): a request that reaches Redis shows it in its trace, which
/// StackExchange.Redis's own instrumentation (not served here) would otherwise have done.
/// </summary>
internal sealed class InstrumentedDistributedCache(IDistributedCache inner) : IBufferDistributedCache
{
    public static readonly ActivitySource Source = new(PlatformTelemetry.Prefix + ".Redis");

    private readonly IBufferDistributedCache? _buffered = inner as IBufferDistributedCache;

    public byte[]? Get(string key)
    {
        using var activity = Start("GET", key);
        return inner.Get(key);
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        using var activity = Start("GET", key);
        return await inner.GetAsync(key, token);
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        using var activity = Start("SET", key);
        inner.Set(key, value, options);
    }

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        using var activity = Start("SET", key);
        await inner.SetAsync(key, value, options, token);
    }

    public void Refresh(string key)
    {
        using var activity = Start("REFRESH", key);
        inner.Refresh(key);
    }

    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        using var activity = Start("REFRESH", key);
        await inner.RefreshAsync(key, token);
    }

    public void Remove(string key)
    {
        using var activity = Start("DEL", key);
        inner.Remove(key);
    }

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        using var activity = Start("DEL", key);
        await inner.RemoveAsync(key, token);
    }

    public bool TryGet(string key, IBufferWriter<byte> destination)
    {
        using var activity = Start("GET", key);
        if (_buffered is not null)
        {
            return _buffered.TryGet(key, destination);
        }
        var value = inner.Get(key);
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
            return await _buffered.TryGetAsync(key, destination, token);
        }
        var value = await inner.GetAsync(key, token);
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
            _buffered.Set(key, value, options);
            return;
        }
        inner.Set(key, value.ToArray(), options);
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        using var activity = Start("SET", key);
        if (_buffered is not null)
        {
            await _buffered.SetAsync(key, value, options, token);
            return;
        }
        await inner.SetAsync(key, value.ToArray(), options, token);
    }

    private static Activity? Start(string operation, string key)
    {
        var activity = Source.StartActivity($"redis {operation}", ActivityKind.Client);
        activity?.SetTag("db.system.name", "redis");
        activity?.SetTag("db.operation.name", operation);
        activity?.SetTag("cache.key", key);
        return activity;
    }
}
