namespace Aspire.Hosting.Telemetry;

/// <summary>
/// One exported value of a series: the number of a sum or gauge, or a histogram's count and sum
/// (what rates and mean latencies are drawn from).
/// </summary>
public readonly record struct MetricPoint(DateTimeOffset Timestamp, double Value, ulong Count = 0, double Sum = 0);
