using Aspire.Hosting.Telemetry.Otlp.Collector.Metrics;
using Grpc.Core;

namespace Aspire.Hosting.Telemetry;

/// <summary>OTLP/gRPC <c>MetricsService.Export</c>: every data point goes into its series.</summary>
internal sealed class OtlpMetricsService(TelemetryStore store) : MetricsService.MetricsServiceBase
{
    public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
    {
        OtlpMapper.Store(store, request);
        return Task.FromResult(new ExportMetricsServiceResponse());
    }
}
