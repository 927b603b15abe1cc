namespace Aspire.Hosting.ApplicationModel;

/// <summary>What is known of one resource at one moment. Immutable; each change publishes a new one.</summary>
public sealed record ResourceSnapshot
{
    public required string Name { get; init; }

    /// <summary><c>Project</c> or <c>Container</c> (Redis runs as an executable locally but is a container when published).</summary>
    public required string ResourceType { get; init; }

    public string State { get; init; } = KnownResourceStates.NotStarted;

    /// <summary>Null until a health report arrived while running.</summary>
    public HealthStatus? Health { get; init; }

    /// <summary>Why the health is what it is (the service's own report, or the failure).</summary>
    public string? HealthDescription { get; init; }

    public IReadOnlyList<string> Urls { get; init; } = [];

    public IReadOnlyList<int> ProcessIds { get; init; } = [];

    public DateTimeOffset? StartedAt { get; init; }

    public int Restarts { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>An instance exited unexpectedly and will be started again once its backoff has passed.</summary>
    public bool RestartPending { get; init; }

    /// <summary>The connection string others get, for resources that have one, its password masked.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>A note a person should read (why Redis is missing, why a start failed).</summary>
    public string? Message { get; init; }

    /// <summary>The resource this one waited for when that one stopped, so this one never started.</summary>
    public string? FailedDependency { get; init; }

    /// <summary>Running and at least serving: Healthy, or Degraded (e.g. Redis lost, in-process cache in use).</summary>
    public bool IsServing => State == KnownResourceStates.Running && Health is HealthStatus.Healthy or HealthStatus.Degraded;
}

/// <summary>A change to a resource, as <see cref="ResourceNotificationService.WatchAsync"/> reports it.</summary>
public sealed record ResourceEvent(string ResourceName, ResourceSnapshot Snapshot);
