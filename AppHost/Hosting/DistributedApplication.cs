using System.Reflection;
using System.Runtime.InteropServices;
using Aspire.Hosting.Dashboard;
using Aspire.Hosting.Orchestration;
using Aspire.Hosting.Publishing;
using Aspire.Hosting.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aspire.Hosting;

/// <summary>
/// The composition, built. <see cref="Run"/> either publishes it (<c>--publisher manifest|kubernetes</c>)
/// or runs it until Ctrl+C or SIGTERM, then stops every child and leaves no process behind.
/// </summary>
public sealed partial class DistributedApplication : IAsyncDisposable
{
    private readonly DistributedApplicationBuilder? _builder;
    private readonly Orchestrator? _orchestrator;
    private readonly OrchestratorContext? _context;
    private readonly ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly Lock _gate = new();
    private Task? _stopping;
    private DashboardServer? _dashboard;
    private OtlpReceiver? _otlp;
    private bool _started;

    /// <summary>What the AppHost's own <c>Run()</c> gets while a test owns the application: it does nothing.</summary>
    internal static DistributedApplication Detached { get; } = new();

    private DistributedApplication()
    {
        ResourceLogs = new ResourceLogStore(1, echoToConsole: false, TimeProvider.System);
        ResourceNotifications = new ResourceNotificationService(_ => []);
        ExecutionContext = new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run);
        Telemetry = new TelemetryStore(new TelemetryLimits());
    }

    internal DistributedApplication(DistributedApplicationBuilder builder)
    {
        _builder = builder;
        var configuration = builder.Configuration;
        ExecutionContext = builder.ExecutionContext;

        var console = configuration.GetValue("AppHost:Console", true);
        if (console)
        {
            _loggerFactory = LoggerFactory.Create(logging => logging
                .AddConfiguration(configuration.GetSection("Logging"))
                .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; }));
            _logger = _loggerFactory.CreateLogger("Aspire.Hosting");
        }

        ResourceLogs = new ResourceLogStore(
            configuration.GetValue("AppHost:ConsoleLogHistory", 2_000), echoToConsole: console, TimeProvider.System);
        ResourceNotifications = new ResourceNotificationService(name => ResourceLogs.Tail(name, 20).Select(l => l.Text).ToList());
        Telemetry = new TelemetryStore(configuration.GetSection("AppHost:Telemetry").Get<TelemetryLimits>() ?? new TelemetryLimits());

        if (ExecutionContext.IsRunMode)
        {
            _context = new OrchestratorContext(ResourceNotifications, ResourceLogs, _logger, TimeProvider.System, ReadOptions(configuration));
            _orchestrator = new Orchestrator(builder.Resources, _context, key => configuration[key]);
        }
    }

    public static IDistributedApplicationBuilder CreateBuilder(string[] args) => new DistributedApplicationBuilder(args);

    public ResourceNotificationService ResourceNotifications { get; }

    /// <summary>The recent console output of every resource.</summary>
    public ResourceLogStore ResourceLogs { get; }

    public DistributedApplicationExecutionContext ExecutionContext { get; }

    /// <summary>
    /// Logs, spans and metrics the services sent the dashboard's OTLP receiver (empty when the
    /// dashboard is off or telemetry goes to an external endpoint).
    /// </summary>
    public TelemetryStore Telemetry { get; }

    /// <summary>The dashboard's own OTLP endpoint, while it receives.</summary>
    public Uri? OtlpEndpoint => _otlp?.Endpoint;

    /// <summary>The resources that run (parameters are values and have no state of their own).</summary>
    public IReadOnlyList<IResource> Resources => _builder?.Resources.Where(r => r is not ParameterResource).ToList() ?? [];

    /// <summary>Runs (or publishes) until the process is asked to stop.</summary>
    public void Run() => RunAsync().GetAwaiter().GetResult();

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (_builder is null)
        {
            return;
        }
        if (ExecutionContext.IsPublishMode)
        {
            Publish();
            return;
        }

        var shutdown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var registration = cancellationToken.Register(() => shutdown.TrySetResult());

        await StartAsync(cancellationToken);
        _ = PrintResourcesWhenServingAsync(shutdown.Task);
        await shutdown.Task;
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }

        LogStopping(_logger);
        await StopAsync(CancellationToken.None);
        if (_otlp is not null)
        {
            await _otlp.DisposeAsync();
            _otlp = null;
        }
        LogStopped(_logger);
        _loggerFactory.Dispose();

        void OnSignal(PosixSignalContext context)
        {
            // Children got the same Ctrl+C; make sure their exits are not taken for crashes.
            context.Cancel = true;
            _orchestrator?.MarkStopping();
            shutdown.TrySetResult();
        }
    }

    /// <summary>Starts every resource; each waits for what it <c>WaitFor</c>s in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var orchestrator = _orchestrator ?? throw new InvalidOperationException("Only a composition in run mode can be started.");
        lock (_gate)
        {
            if (_started)
            {
                return;
            }
            _started = true;
        }
        await StartOtlpReceiverAsync(cancellationToken);
        orchestrator.Start();
        await StartDashboardAsync();
    }

    /// <summary>
    /// With the dashboard on and no OTLP endpoint given to the AppHost, the services send their
    /// telemetry to the dashboard; a given endpoint (a collector, the standalone Aspire dashboard)
    /// is passed through to them instead.
    /// </summary>
    private async Task StartOtlpReceiverAsync(CancellationToken cancellationToken)
    {
        var context = _context!;
        if (_builder!.Configuration.GetValue("AppHost:NoDashboard", false) || context.Options.OtlpEndpoint is { Length: > 0 })
        {
            return;
        }
        _otlp = await OtlpReceiver.StartAsync(Telemetry, cancellationToken);
        context.Options = context.Options with { OtlpEndpoint = _otlp.Endpoint.ToString().TrimEnd('/'), OtlpProtocol = "grpc", OtlpIsDashboard = true };
        LogOtlp(_logger, _otlp.Endpoint, _otlp.HttpEndpoint);
    }

    /// <summary>The dashboard's address, when it runs (<c>AppHost:NoDashboard</c> or <c>--no-dashboard</c> turn it off).</summary>
    public Uri? DashboardUrl => _dashboard?.Address;

    private async Task StartDashboardAsync()
    {
        var configuration = _builder!.Configuration;
        if (configuration.GetValue("AppHost:NoDashboard", false))
        {
            return;
        }
        _dashboard = await DashboardServer.StartAsync(this, configuration["AppHost:DashboardUrl"] ?? "http://localhost:18888");
        LogDashboard(_logger, _dashboard.Address);
    }

    /// <summary>Stops every resource: SIGTERM, then a kill after the grace period.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_orchestrator is null)
        {
            return Task.CompletedTask;
        }
        lock (_gate)
        {
            return _stopping ??= _orchestrator.StopAsync();
        }
    }

    /// <summary>The URL of a resource's endpoint (the first replica's for projects).</summary>
    public Uri GetEndpoint(string resourceName, string endpointName = "http")
    {
        var orchestrator = _orchestrator ?? throw new InvalidOperationException("The application is not running.");
        return orchestrator[resourceName] switch
        {
            ProjectRuntime project when endpointName == "http" => new Uri(project.HttpUrls[0]),
            RedisRuntime { ConnectionString: { } cs } when endpointName == "tcp" =>
                new Uri($"tcp://{RedisRuntime.ParseEndpoint(cs).Host}:{RedisRuntime.ParseEndpoint(cs).Port}"),
            _ => throw new ArgumentException($"Resource '{resourceName}' has no running '{endpointName}' endpoint.", nameof(endpointName)),
        };
    }

    /// <summary>Every replica's URL of a project's http endpoint.</summary>
    public IReadOnlyList<Uri> GetEndpoints(string resourceName) =>
        _orchestrator?[resourceName] is ProjectRuntime project ? project.HttpUrls.Select(u => new Uri(u)).ToList() : [];

    public string? GetConnectionString(string resourceName) =>
        _orchestrator?[resourceName] is RedisRuntime redis ? redis.ConnectionString : null;

    /// <summary>Stops one resource (the dashboard's stop command).</summary>
    public Task StopResourceAsync(string name) =>
        (_orchestrator ?? throw new InvalidOperationException("The application is not running.")).StopResourceAsync(name);

    /// <summary>Starts a stopped resource again, waits included.</summary>
    public void StartResource(string name) =>
        (_orchestrator ?? throw new InvalidOperationException("The application is not running.")).StartResource(name);

    public async Task RestartResourceAsync(string name)
    {
        await StopResourceAsync(name);
        StartResource(name);
    }

    /// <summary>The process ids of a resource's running instances.</summary>
    internal IReadOnlyList<int> ProcessIds(string name) =>
        _orchestrator?[name].Instances.Select(i => i.ProcessId).OfType<int>().ToList() ?? [];

    public async ValueTask DisposeAsync()
    {
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
            _dashboard = null;
        }
        await StopAsync();
        if (_otlp is not null)
        {
            await _otlp.DisposeAsync();
            _otlp = null;
        }
        if (_loggerFactory is not NullLoggerFactory)
        {
            _loggerFactory.Dispose();
        }
    }

    private void Publish()
    {
        var builder = _builder!;
        var outputPath = builder.Configuration["Publishing:OutputPath"];
        switch (ExecutionContext.PublisherName)
        {
            case "manifest":
                if (string.IsNullOrWhiteSpace(outputPath))
                {
                    throw new DistributedApplicationException("The '--output-path [path]' option was not specified even though '--publisher manifest' argument was used.");
                }
                var written = ManifestPublisher.Write(builder.Resources, outputPath);
                Console.Out.WriteLine($"Published manifest to: {written}");
                break;
            case "kubernetes":
                if (string.IsNullOrWhiteSpace(outputPath))
                {
                    throw new DistributedApplicationException("The '--output-path [directory]' option was not specified even though '--publisher kubernetes' argument was used.");
                }
                var directory = Path.GetFullPath(outputPath);
                var files = KubernetesPublisher.Write(builder.Resources, directory, key => builder.Configuration[key]);
                Console.Out.WriteLine($"Published {files.Count} Kubernetes files to: {directory}");
                break;
            default:
                throw new DistributedApplicationException($"Unknown publisher '{ExecutionContext.PublisherName}'. Known: manifest, kubernetes.");
        }
    }

    private async Task PrintResourcesWhenServingAsync(Task shutdown)
    {
        using var cancel = new CancellationTokenSource();
        _ = shutdown.ContinueWith(_ => cancel.Cancel(), TaskScheduler.Default);
        try
        {
            foreach (var resource in Resources)
            {
                if (ResourceNotifications.TryGetCurrentState(resource.Name, out var s) && s.Message is not null && s.State == KnownResourceStates.NotStarted)
                {
                    continue;
                }
                await ResourceNotifications.WaitForResourceAsync(resource.Name, s => s.IsServing, cancel.Token);
            }
            Console.Out.WriteLine(ResourceTable.Render(Resources.Select(r =>
                ResourceNotifications.TryGetCurrentState(r.Name, out var snapshot) ? snapshot : null).OfType<ResourceSnapshot>()));
            if (_dashboard is not null)
            {
                Console.Out.WriteLine($"Dashboard: {_dashboard.Address}");
            }
            Console.Out.WriteLine("Press Ctrl+C to stop.");
        }
        catch (TimeoutException)
        {
            // Shutting down before everything came up.
        }
    }

    private static OrchestratorOptions ReadOptions(IConfiguration configuration) => new()
    {
        Environment = configuration["AppHost:Environment"] ?? "Development",
        RandomizePorts = configuration.GetValue("AppHost:RandomizePorts", false),
        ShutdownGracePeriod = TimeSpan.FromSeconds(configuration.GetValue("AppHost:ShutdownTimeoutSeconds", 10)),
        MaxRestartAttempts = configuration.GetValue("AppHost:MaxRestartAttempts", 8),
        StopOnResourceUnavailable = configuration["AppHost:WaitBehavior"] == "StopOnResourceUnavailable",
        OtlpEndpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"],
        OtlpProtocol = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] ?? "grpc",
        Ports = configuration.GetSection("AppHost:Ports").GetChildren()
            .Where(c => int.TryParse(c.Value, out _))
            .ToDictionary(c => c.Key, c => int.Parse(c.Value!), StringComparer.OrdinalIgnoreCase),
        BuildConfiguration = typeof(DistributedApplication).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard: {Url}")]
    private static partial void LogDashboard(ILogger logger, Uri url);

    [LoggerMessage(Level = LogLevel.Information, Message = "OTLP receivers for the dashboard: {Endpoint} (gRPC), {HttpEndpoint} (HTTP, protobuf or JSON)")]
    private static partial void LogOtlp(ILogger logger, Uri endpoint, Uri httpEndpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping every resource")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped")]
    private static partial void LogStopped(ILogger logger);
}

/// <summary>A composition that cannot be run or published as declared.</summary>
public sealed class DistributedApplicationException(string message) : Exception(message);
