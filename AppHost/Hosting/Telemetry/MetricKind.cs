namespace Aspire.Hosting.Telemetry;

/// <summary>How a series' values read: a counter's running total, a value now (gauge or up-down counter), or a histogram.</summary>
public enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}
