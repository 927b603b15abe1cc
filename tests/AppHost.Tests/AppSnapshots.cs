using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace VideoPlatform.AppHost.Tests;

/// <summary>What a running composition shows of a resource and its instances (replicas).</summary>
internal static class AppSnapshots
{
    public static IResource Resource(this DistributedApplication app, string name) =>
        app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == name);

    public static CustomResourceSnapshot Snapshot(this DistributedApplication app, string name) =>
        app.ResourceNotifications.TryGetCurrentState(app.Resource(name).Name, out var resourceEvent)
            ? resourceEvent.Snapshot
            : throw new InvalidOperationException($"No state for {name}");

    /// <summary>The process id of each running instance (replica) of <paramref name="name"/>, as DCP reports it.</summary>
    public static async Task<int[]> PidsAsync(this DistributedApplication app, string name, CancellationToken cancellationToken)
    {
        var replicas = app.Resource(name).Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;
        var pids = new Dictionary<string, int>();
        // The watch replays every instance's latest state first, then follows changes.
        await foreach (var change in app.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (change.Resource.Name != name)
            {
                continue;
            }
            if (change.Snapshot.State?.Text == KnownResourceStates.Running
                && change.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid)
            {
                pids[change.ResourceId] = Convert.ToInt32(pid, CultureInfo.InvariantCulture);
            }
            else
            {
                pids.Remove(change.ResourceId);
            }
            if (pids.Count == replicas)
            {
                break;
            }
        }
        return [.. pids.Values];
    }
}
