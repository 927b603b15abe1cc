using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Aspire.Hosting;

/// <summary>
/// Holds the latest <see cref="ResourceSnapshot"/> of every resource and lets callers wait for a
/// condition (running, healthy) or watch every change, as Aspire's service of the same name does.
/// A wait that times out says what the resource was doing and what it last logged.
/// </summary>
public sealed class ResourceNotificationService
{
    private readonly ConcurrentDictionary<string, ResourceSnapshot> _snapshots = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<string, IReadOnlyList<string>> _recentLogs;
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = NewSignal();

    internal ResourceNotificationService(Func<string, IReadOnlyList<string>> recentLogs) => _recentLogs = recentLogs;

    public IReadOnlyCollection<ResourceSnapshot> Snapshots => _snapshots.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    public bool TryGetCurrentState(string name, out ResourceSnapshot snapshot) => _snapshots.TryGetValue(name, out snapshot!);

    internal ResourceSnapshot Publish(string name, Func<ResourceSnapshot, ResourceSnapshot> update)
    {
        ResourceSnapshot next;
        TaskCompletionSource signal;
        lock (_gate)
        {
            next = update(_snapshots[name]);
            _snapshots[name] = next;
            signal = _changed;
            _changed = NewSignal();
        }
        signal.TrySetResult();
        return next;
    }

    internal void Register(ResourceSnapshot snapshot) => _snapshots[snapshot.Name] = snapshot;

    /// <summary>Waits until <paramref name="name"/> satisfies <paramref name="predicate"/>.</summary>
    public async Task<ResourceSnapshot> WaitForResourceAsync(string name, Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken = default)
    {
        if (!_snapshots.ContainsKey(name))
        {
            throw new ArgumentException($"No resource named '{name}'. Known: {string.Join(", ", _snapshots.Keys)}.", nameof(name));
        }

        try
        {
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    var current = _snapshots[name];
                    if (predicate(current))
                    {
                        return current;
                    }
                    changed = _changed.Task;
                }
                await changed.WaitAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(Describe(name, "did not reach the awaited condition"));
        }
    }

    /// <summary>Waits until the resource is in <paramref name="targetState"/>.</summary>
    public Task<ResourceSnapshot> WaitForResourceAsync(string name, string targetState = KnownResourceStates.Running, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(name, s => s.State == targetState, cancellationToken);

    /// <summary>
    /// Waits until the resource is running and its health is Healthy; a resource that failed to
    /// start ends the wait at once with the reason, rather than at the deadline.
    /// </summary>
    public async Task<ResourceSnapshot> WaitForResourceHealthyAsync(string name, CancellationToken cancellationToken = default)
    {
        var reached = await WaitForResourceAsync(name,
            s => (s.State == KnownResourceStates.Running && s.Health == HealthStatus.Healthy) || s.State == KnownResourceStates.FailedToStart,
            cancellationToken);
        return reached.State == KnownResourceStates.FailedToStart
            ? throw new DistributedApplicationException(Describe(name, "failed to start"))
            : reached;
    }

    /// <summary>Every change, starting with the current state of each resource.</summary>
    public async IAsyncEnumerable<ResourceEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = new Dictionary<string, ResourceSnapshot>(StringComparer.OrdinalIgnoreCase);
        while (!cancellationToken.IsCancellationRequested)
        {
            Task changed;
            List<ResourceSnapshot> current;
            lock (_gate)
            {
                current = [.. _snapshots.Values];
                changed = _changed.Task;
            }
            foreach (var snapshot in current)
            {
                if (!seen.TryGetValue(snapshot.Name, out var previous) || !ReferenceEquals(previous, snapshot))
                {
                    seen[snapshot.Name] = snapshot;
                    yield return new ResourceEvent(snapshot.Name, snapshot);
                }
            }
            await changed.WaitAsync(cancellationToken);
        }
    }

    internal string Describe(string name, string what)
    {
        var snapshot = _snapshots[name];
        var logs = _recentLogs(name);
        return $"Resource '{name}' {what}: state {snapshot.State}, health {snapshot.Health?.ToString() ?? "unknown"}"
               + (snapshot.HealthDescription is { } d ? $" ({d})" : "")
               + (snapshot.Message is { } m ? $"; {m}" : "")
               + (logs.Count > 0 ? $". Last log lines:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", logs) : ". It logged nothing.")
               + (snapshot.FailedDependency is { } dependency && dependency != name && _snapshots.ContainsKey(dependency)
                   ? Environment.NewLine + Describe(dependency, "(which it waited for)")
                   : "");
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
