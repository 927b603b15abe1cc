namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// The real composition (redis-server and the three services as processes) started once for the
/// tests of a class, from the AppHost's own declaration.
/// </summary>
public sealed class CompositionFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        App = await builder.BuildAsync();
        await App.StartAsync();

        using var timeout = new CancellationTokenSource(StartTimeout);
        foreach (var name in new[] { "cache", "metadata", "streaming", "legacy" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
        }
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
