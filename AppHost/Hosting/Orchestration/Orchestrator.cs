using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.Orchestration;

/// <summary>Runs the whole composition: plans ports, starts every resource, stops them all.</summary>
internal sealed partial class Orchestrator : IReferenceResolver
{
    private readonly OrchestratorContext _context;
    private readonly Dictionary<string, ResourceRuntime> _runtimes = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ParameterValues _parameters;

    // configuration: the AppHost's configuration by key (ConnectionStrings:cache, Parameters:cache-password).
    public Orchestrator(IEnumerable<IResource> resources, OrchestratorContext context, Func<string, string?> configuration)
    {
        _context = context;
        var declared = resources.ToList();
        _parameters = new ParameterValues(ProjectEnvironment.Parameters(declared), configuration);
        // Parameters are values, not processes: nothing to run for them.
        foreach (var resource in declared.Where(r => r is not ParameterResource))
        {
            ResourceRuntime runtime = resource switch
            {
                RedisResource redis => RedisRuntime.Create(redis, context, configuration($"ConnectionStrings:{redis.Name}"),
                    redis.PasswordParameter is { } password ? _parameters[password] : null, PortGuard.NextFree),
                ProjectResource project => new ProjectRuntime(project, context, PlanPorts(project), () => ProjectEnvironment.FromAnnotations(project, this)),
                _ => throw new NotSupportedException($"Resource '{resource.Name}' of type {resource.GetType().Name} cannot be run by this AppHost."),
            };
            _runtimes.Add(resource.Name, runtime);
            context.Notifications.Register(runtime.InitialSnapshot());

            if (runtime is RedisRuntime { IsAbsent: true })
            {
                context.Absent.Add(resource.Name);
                context.Notifications.Publish(resource.Name, s => s with
                {
                    Message = "not running (no redis-server found, no connection string): services use in-process caches",
                });
            }
        }
    }

    public IReadOnlyCollection<ResourceRuntime> Runtimes => _runtimes.Values;

    public ResourceRuntime this[string name] => _runtimes.TryGetValue(name, out var runtime)
        ? runtime
        : throw new ArgumentException($"No resource named '{name}'. Known: {string.Join(", ", _runtimes.Keys)}.", nameof(name));

    public void Start()
    {
        foreach (var runtime in _runtimes.Values.Where(r => !_context.Absent.Contains(r.Name)))
        {
            runtime.Start(_shutdown.Token);
        }
        foreach (var name in _context.Absent)
        {
            LogAbsent(_context.Logger, name);
        }
    }

    /// <summary>From now on an exiting child is shutting down, not crashing.</summary>
    public void MarkStopping() => _context.MarkStopping();

    /// <summary>Stops projects first (they may flush to Redis on the way out), then the rest.</summary>
    public async Task StopAsync()
    {
        _context.MarkStopping();
        await Task.WhenAll(_runtimes.Values.OfType<ProjectRuntime>().Select(r => r.StopAsync()));
        await Task.WhenAll(_runtimes.Values.Where(r => r is not ProjectRuntime).Select(r => r.StopAsync()));
        await _shutdown.CancelAsync();
    }

    public Task StopResourceAsync(string name) => this[name].StopAsync();

    public void StartResource(string name) => this[name].Start(_shutdown.Token);

    public string? ConnectionString(IResourceWithConnectionString resource) =>
        _runtimes.TryGetValue(resource.Name, out var runtime) && runtime is RedisRuntime redis ? redis.ConnectionString : null;

    public IReadOnlyList<string> EndpointUrls(IResourceWithServiceDiscovery resource, string endpointName) =>
        endpointName == "http" && _runtimes.TryGetValue(resource.Name, out var runtime) && runtime is ProjectRuntime project
            ? project.HttpUrls
            : [];

    public string ParameterValue(ParameterResource parameter) => _parameters[parameter];

    /// <summary>Each replica's port, and whether the engine chose it (so may move it) rather than being told it.</summary>
    private List<(int Port, bool Chosen)> PlanPorts(ProjectResource project)
    {
        var http = project.Endpoints.First(e => e.Name == "http");
        int? first = _context.Options.Ports.TryGetValue(project.Name, out var configured) ? configured
            : _context.Options.RandomizePorts ? null
            : http.Port;
        return Enumerable.Range(0, project.Replicas)
            .Select(i => i == 0 && first is { } port ? (port, false) : (PortGuard.NextFree(), true))
            .ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource}: redis-server is not on PATH and no connection string is configured; services run on their in-process cache (install: sudo apt-get install redis-server)")]
    private static partial void LogAbsent(ILogger logger, string resource);
}
