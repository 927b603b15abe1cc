using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.Orchestration;

/// <summary>What every resource runtime shares during one run.</summary>
internal sealed class OrchestratorContext(
    ResourceNotificationService notifications,
    ResourceLogStore logs,
    ILogger logger,
    TimeProvider time,
    OrchestratorOptions options)
{
    private volatile bool _stopping;

    public ResourceNotificationService Notifications { get; } = notifications;

    public ResourceLogStore Logs { get; } = logs;

    public ILogger Logger { get; } = logger;

    public TimeProvider Time { get; } = time;

    /// <summary>Settable until resources start: the dashboard's OTLP receiver is only known once it listens.</summary>
    public OrchestratorOptions Options { get; set; } = options;

    /// <summary>Set as soon as the AppHost starts shutting down, so exits are not taken for crashes.</summary>
    public bool IsStopping => _stopping;

    public void MarkStopping() => _stopping = true;

    /// <summary>Resources that will never run in this session (Redis without redis-server): waits on them pass.</summary>
    public HashSet<string> Absent { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Knobs of the engine, read from the AppHost's configuration (<c>AppHost:*</c>).</summary>
internal sealed record OrchestratorOptions
{
    /// <summary>ASPNETCORE_ENVIRONMENT given to projects.</summary>
    public string Environment { get; init; } = "Development";

    /// <summary>Ignore configured ports and take free ones (tests run in parallel).</summary>
    public bool RandomizePorts { get; init; }

    /// <summary>How long a child has between SIGTERM and the kill.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Consecutive crashes after which a project is left FailedToStart.</summary>
    public int MaxRestartAttempts { get; init; } = 8;

    /// <summary>Fail a waiting resource when its dependency failed, instead of waiting on (tests).</summary>
    public bool StopOnResourceUnavailable { get; init; }

    /// <summary>OTLP endpoint given to projects, when telemetry should leave them.</summary>
    public string? OtlpEndpoint { get; init; }

    public string OtlpProtocol { get; init; } = "grpc";

    /// <summary>The OTLP endpoint is the dashboard's receiver in this process (not one the AppHost was given).</summary>
    public bool OtlpIsDashboard { get; init; }

    /// <summary>Per-resource port overrides (<c>AppHost:Ports:&lt;name&gt;</c>).</summary>
    public IReadOnlyDictionary<string, int> Ports { get; init; } = new Dictionary<string, int>();

    /// <summary>Build configuration of the projects to run (the AppHost's own by default).</summary>
    public string BuildConfiguration { get; init; } = "Debug";
}
