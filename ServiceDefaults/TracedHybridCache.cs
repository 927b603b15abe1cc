using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Caching.Hybrid;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Keeps a cache miss inside the trace of the request that caused it. Called with a cancellable
/// token (every request's is), HybridCache runs its second-level read and the factory on the
/// thread pool without the caller's execution context (dotnet/extensions#6543), so the Redis read
/// and the upstream call would each start a trace of their own. This decorator hands the caller's activity to the factory, and to
/// <see cref="InstrumentedDistributedCache"/> through the key being fetched.
/// </summary>
internal sealed class TracedHybridCache(HybridCache inner) : HybridCache
{
    private static readonly ConcurrentDictionary<string, Activity> Callers = new(StringComparer.Ordinal);

    /// <summary>The activity of a request waiting on this key, for spans started where the context was lost.</summary>
    public static ActivityContext CallerOf(string key) =>
        Callers.TryGetValue(key, out var caller) ? caller.Context : default;

    public override async ValueTask<T> GetOrCreateAsync<TState, T>(string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory,
        HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default)
    {
        if (Activity.Current is not { } caller)
        {
            return await inner.GetOrCreateAsync(key, state, factory, options, tags, cancellationToken);
        }
        Callers[key] = caller;
        try
        {
            return await inner.GetOrCreateAsync(key, (state, factory, caller), static (s, token) => RunUnder(s.caller, s.factory, s.state, token),
                options, tags, cancellationToken);
        }
        finally
        {
            Callers.TryRemove(new KeyValuePair<string, Activity>(key, caller));
        }
    }

    // Async so that setting Activity.Current stays inside this call and does not leak into the pool thread.
    private static async ValueTask<T> RunUnder<TState, T>(Activity caller, Func<TState, CancellationToken, ValueTask<T>> factory, TState state, CancellationToken token)
    {
        Activity.Current ??= caller;
        return await factory(state, token);
    }

    public override ValueTask SetAsync<T>(string key, T value, HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default) => inner.SetAsync(key, value, options, tags, cancellationToken);

    public override ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default) => inner.RemoveAsync(key, cancellationToken);

    public override ValueTask RemoveAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default) => inner.RemoveAsync(keys, cancellationToken);

    public override ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default) => inner.RemoveByTagAsync(tag, cancellationToken);

    public override ValueTask RemoveByTagAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default) => inner.RemoveByTagAsync(tags, cancellationToken);
}
