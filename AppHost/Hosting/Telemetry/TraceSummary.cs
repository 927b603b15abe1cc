namespace Aspire.Hosting.Telemetry;

/// <summary>A trace as the traces list shows it: its root, the services it crossed, when and how long.</summary>
public sealed record TraceSummary(
    string TraceId,
    string RootName,
    string RootResource,
    DateTimeOffset Start,
    TimeSpan Duration,
    IReadOnlyList<string> Resources,
    int SpanCount,
    bool HasError);
