using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting.Security;

/// <summary>
/// Fixed-window request counters, kept in Redis so that a limit holds across replicas, and in this
/// process while Redis is unavailable (limits then hold per replica rather than not at all).
/// </summary>
internal sealed class RateLimitCounters(IServiceProvider services, ILoggerFactory loggers)
{
    // INCR and the first EXPIRE in one step, so a crash between them cannot leave a counter without expiry.
    private const string IncrementScript = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return count
        """;

    private readonly IConnectionMultiplexer? _redis = services.GetService<IConnectionMultiplexer>();
    private readonly ConcurrentDictionary<string, long> _local = new();
    private readonly ILogger _audit = loggers.CreateLogger(SecurityAudit.Category);
    private int _warnedLocal;

    public async ValueTask<long> IncrementAsync(string key, TimeSpan window)
    {
        if (_redis is { IsConnected: true })
        {
            try
            {
                var count = await _redis.GetDatabase().ScriptEvaluateAsync(IncrementScript,
                    [new RedisKey(key)], [(long)window.TotalMilliseconds + 1_000]);
                Interlocked.Exchange(ref _warnedLocal, 0);
                return (long)count;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                WarnLocal(ex.Message);
            }
        }
        else if (_redis is not null)
        {
            WarnLocal("not connected");
        }

        if (_local.Count > 10_000)
        {
            // Windows are short; forgetting old ones now and then keeps this bounded.
            _local.Clear();
        }
        return _local.AddOrUpdate(key, 1, (_, count) => count + 1);
    }

    private void WarnLocal(string reason)
    {
        if (Interlocked.Exchange(ref _warnedLocal, 1) == 0)
        {
            SecurityAudit.CountersLocal(_audit, reason);
        }
    }
}
