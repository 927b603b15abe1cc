namespace Aspire.Hosting.Orchestration;

/// <summary>How to start one process of a resource.</summary>
internal sealed record ProcessSpec(
    string FileName,
    Func<IReadOnlyList<string>> Arguments,
    string WorkingDirectory,
    Func<IEnumerable<KeyValuePair<string, string>>> Environment);

/// <summary>One process (or, for an external Redis, one address) of a resource, and what is known of it.</summary>
internal sealed class ResourceInstance(string displayName, int port, ProcessSpec? process, Func<CancellationToken, Task<HealthReading>> probe)
{
    public string DisplayName { get; } = displayName;

    /// <summary>Its port; a port the engine chose may move when another process took it (see <see cref="PortChosen"/>).</summary>
    public int Port { get; set; } = port;

    /// <summary>The engine picked the port at random (rather than configuration or the launch profile naming it).</summary>
    public bool PortChosen { get; init; }

    /// <summary>Null when the engine only watches something it did not start.</summary>
    public ProcessSpec? Process { get; } = process;

    public Func<CancellationToken, Task<HealthReading>> Probe { get; } = probe;

    public string State { get; set; } = KnownResourceStates.NotStarted;

    public HealthStatus? Health { get; set; }

    public string? HealthDescription { get; set; }

    public int? ProcessId { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public int Restarts { get; set; }

    public int? ExitCode { get; set; }

    public bool RestartPending { get; set; }
}
