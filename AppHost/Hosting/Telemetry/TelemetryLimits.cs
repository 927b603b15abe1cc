namespace Aspire.Hosting.Telemetry;

/// <summary>
/// How much telemetry the dashboard keeps in memory, per resource (<c>AppHost:Telemetry:*</c>).
/// Past a cap the oldest entries go; past the series cap new series are refused, since an
/// attribute with unbounded values would otherwise grow the map for ever.
/// </summary>
public sealed record TelemetryLimits
{
    public int LogsPerResource { get; init; } = 10_000;

    public int SpansPerResource { get; init; } = 10_000;

    public int SeriesPerResource { get; init; } = 1_000;

    /// <summary>Points kept per series: ten minutes at the one-second export interval used while developing.</summary>
    public int PointsPerSeries { get; init; } = 600;
}
