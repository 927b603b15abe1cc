using System.Diagnostics;

namespace VideoPlatform.AppHost.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Disposing_the_application_leaves_no_child_process()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        var app = await builder.BuildAsync();
        await app.StartAsync();
        using var timeout = new CancellationTokenSource(CompositionFixture.StartTimeout);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("streaming", timeout.Token);
        await app.ResourceNotifications.WaitForResourceAsync("legacy", KnownResourceStates.Running, timeout.Token);

        var pids = app.ResourceNotifications.Snapshots.SelectMany(s => s.ProcessIds).ToList();
        Assert.Equal(4, pids.Count);

        await app.DisposeAsync();

        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"process {pid} is still running"));
        Assert.All(app.ResourceNotifications.Snapshots, s => Assert.True(KnownResourceStates.IsTerminal(s.State), $"{s.Name} is {s.State}"));
    }

    [Fact]
    public async Task A_project_waiting_for_a_dependency_starts_only_once_it_is_healthy()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        await using var app = await builder.BuildAsync();
        var order = new List<string>();
        using var timeout = new CancellationTokenSource(CompositionFixture.StartTimeout);
        var watching = Task.Run(async () =>
        {
            await foreach (var change in app.ResourceNotifications.WatchAsync(timeout.Token))
            {
                lock (order)
                {
                    order.Add($"{change.ResourceName}:{change.Snapshot.State}:{change.Snapshot.Health}");
                }
            }
        });

        await app.StartAsync();
        await app.ResourceNotifications.WaitForResourceHealthyAsync("streaming", timeout.Token);

        List<string> seen;
        lock (order)
        {
            seen = [.. order];
        }
        var metadataHealthy = seen.IndexOf("metadata:Running:Healthy");
        var streamingStarting = seen.FindIndex(e => e.StartsWith("streaming:Starting:") || e.StartsWith("streaming:Running:"));
        Assert.Contains("streaming:Waiting:", seen);
        Assert.True(metadataHealthy >= 0 && streamingStarting > metadataHealthy,
            "streaming started before metadata was healthy: " + string.Join(", ", seen));
        await timeout.CancelAsync();
        await watching.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
