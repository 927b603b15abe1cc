using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace VideoPlatform.Bench;

/// <summary>
/// The composition under measurement: the AppHost's own declaration started under DCP through
/// Aspire.Hosting.Testing, as the composition tests start it (Production environment, free ports,
/// no dashboard). The services are measured as deployed, on their own ports; DCP's proxy in front
/// of each is a local-run convenience with a cost of its own (the <c>dcp-proxy</c> scenario).
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
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder<ProjectResource>(project.Name)
                // The services as deployed: the launch profile would make them Development (its
                // developer exception page and scope validation run on every request).
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Production")
                // Measure the code, not the defences: security stays as in Development.
                .WithEnvironment("Security__Enabled", "false")
                // Aspire points OTLP at the dashboard's port even when there is no dashboard: the
                // services would export to a port nobody listens on, retrying. The generated
                // Kubernetes manifests name no collector either.
                .WithEnvironment(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT"));
        }
        configure?.Invoke(builder);
        var app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await app.StartAsync(timeout.Token);
        // Parameters are values, not processes, and the SDK's hidden "-rebuilder" resources start
        // only when asked: only what runs is waited for.
        foreach (var resource in builder.Resources.Where(r => r is not ParameterResource && !r.Annotations.OfType<ExplicitStartupAnnotation>().Any()))
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, timeout.Token);
        }
        return new Platform(app);
    }

    /// <summary>Where the service itself listens (what DCP's proxy forwards to), read from the environment DCP gave it.</summary>
    public Uri Endpoint(string resource) =>
        new(Environment(ProcessId(resource))["ASPNETCORE_URLS"].Split(';')[0]);

    /// <summary>The address DCP's proxy takes for the service: the one a user of a local run calls.</summary>
    public Uri ProxyEndpoint(string resource) => App.GetEndpoint(resource);

    /// <summary>
    /// The service's own process: DCP starts a project through <c>dotnet run</c>, which runs the
    /// project's executable as its child; that child is what serves and what holds the memory.
    /// </summary>
    public int ProcessId(string resource)
    {
        if (!App.ResourceNotifications.TryGetCurrentState(resource, out var state)
            || state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is not { } value)
        {
            return 0;
        }
        var pid = Convert.ToInt32(value, CultureInfo.InvariantCulture);
        return TestSupport.ProcessTree.Children(pid) is [var child, ..] ? child : pid;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    private static Dictionary<string, string> Environment(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v.Split('=', 2))
            .Where(v => v.Length == 2)
            .GroupBy(v => v[0])
            .ToDictionary(g => g.Key, g => g.Last()[1]);
}
