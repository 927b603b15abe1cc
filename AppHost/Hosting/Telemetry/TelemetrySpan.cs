namespace Aspire.Hosting.Telemetry;

/// <summary>One finished span as a service exported it; ids are lower-case hex as in W3C trace context.</summary>
public sealed record TelemetrySpan(
    string Resource,
    string Instance,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Kind,
    string Scope,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Status,
    string? StatusMessage,
    IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    public TimeSpan Duration => End - Start;
}
