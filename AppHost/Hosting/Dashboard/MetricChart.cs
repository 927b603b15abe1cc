namespace Aspire.Hosting.Dashboard;

/// <summary>One small chart: a title, the unit of its values, and a value per time step (null where there was nothing to measure).</summary>
internal sealed record MetricChart(string Id, string Title, string Unit, string Instrument, IReadOnlyList<MetricChartPoint> Points);

/// <summary>A step of a chart: its end time in Unix milliseconds and its value.</summary>
internal readonly record struct MetricChartPoint(long Time, double? Value);
