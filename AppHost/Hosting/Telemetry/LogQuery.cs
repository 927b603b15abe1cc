namespace Aspire.Hosting.Telemetry;

/// <summary>
/// What the structured logs page asks for: a resource, a minimum level, text found in the
/// message or an attribute, a trace.
/// </summary>
public sealed record LogQuery(string? Resource = null, string? MinimumLevel = null, string? Text = null, string? TraceId = null, int Limit = 500);
