namespace Aspire.Hosting;

/// <summary>Whether the AppHost runs the composition or publishes a description of it.</summary>
public enum DistributedApplicationOperation
{
    Run,
    Publish,
}

/// <summary>What this invocation of the AppHost does.</summary>
public sealed class DistributedApplicationExecutionContext(DistributedApplicationOperation operation, string? publisherName = null)
{
    public DistributedApplicationOperation Operation { get; } = operation;

    /// <summary><c>manifest</c> or <c>kubernetes</c> when publishing.</summary>
    public string? PublisherName { get; } = publisherName;

    public bool IsRunMode => Operation == DistributedApplicationOperation.Run;

    public bool IsPublishMode => Operation == DistributedApplicationOperation.Publish;
}
