namespace Aspire.Hosting.Telemetry;

/// <summary>One structured log record as a service exported it.</summary>
public sealed record TelemetryLogEntry(
    string Resource,
    string Instance,
    DateTimeOffset Timestamp,
    string Level,
    int SeverityNumber,
    string Category,
    string Message,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    string? TraceId,
    string? SpanId);
