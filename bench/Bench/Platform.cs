using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace VideoPlatform.Bench;

/// <summary>
/// The composition under measurement: the AppHost's own declaration, started from its Release
/// build output with fixed test-style settings (random ports, no console echo).
/// </summary>
internal sealed class Platform : IAsyncDisposable
{
    private Platform(DistributedApplication app) => App = app;

    public DistributedApplication App { get; }

    public static async Task<Platform> StartAsync(Action<IDistributedApplicationTestingBuilder>? configure = null)
    {
        // No dashboard (the testing builder's default): its OTLP receiver would make every service
        // export every span and log to this very process, which also drives the load.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(["--environment", "Production"]);
        // Measure the code, not the defences: security stays as in Development.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder<ProjectResource>(project.Name).WithEnvironment("Security__Enabled", "false");
        }
        configure?.Invoke(builder);
        var app = await builder.BuildAsync();
        await app.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        // Parameters are values, not processes: only what runs is waited for.
        foreach (var resource in builder.Resources.Where(r => r is not ParameterResource))
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, timeout.Token);
        }
        return new Platform(app);
    }

    public Uri Endpoint(string resource) => App.GetEndpoint(resource);

    public int ProcessId(string resource) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var state)
        && state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
            ? Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
