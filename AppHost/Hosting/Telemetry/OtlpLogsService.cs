using Aspire.Hosting.Telemetry.Otlp.Collector.Logs;
using Grpc.Core;

namespace Aspire.Hosting.Telemetry;

/// <summary>OTLP/gRPC <c>LogsService.Export</c>: every record goes into the store.</summary>
internal sealed class OtlpLogsService(TelemetryStore store) : LogsService.LogsServiceBase
{
    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
    {
        OtlpMapper.Store(store, request);
        return Task.FromResult(new ExportLogsServiceResponse());
    }
}
