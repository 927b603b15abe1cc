namespace Aspire.Hosting.ApplicationModel;

/// <summary>Resource states, as strings, with Aspire's names.</summary>
public static class KnownResourceStates
{
    public const string NotStarted = "NotStarted";
    public const string Waiting = "Waiting";
    public const string Starting = "Starting";
    public const string Running = "Running";
    public const string Stopping = "Stopping";
    public const string Exited = "Exited";
    public const string Finished = "Finished";
    public const string FailedToStart = "FailedToStart";

    /// <summary>States a resource does not leave by itself.</summary>
    public static bool IsTerminal(string state) => state is Exited or Finished or FailedToStart;
}

/// <summary>Health of a running resource, separate from its state.</summary>
public enum HealthStatus
{
    Unhealthy,
    Degraded,
    Healthy,
}
