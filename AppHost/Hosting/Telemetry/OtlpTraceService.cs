using Aspire.Hosting.Telemetry.Otlp.Collector.Trace;
using Grpc.Core;

namespace Aspire.Hosting.Telemetry;

/// <summary>OTLP/gRPC <c>TraceService.Export</c>: every span goes into the store.</summary>
internal sealed class OtlpTraceService(TelemetryStore store) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        OtlpMapper.Store(store, request);
        return Task.FromResult(new ExportTraceServiceResponse());
    }
}
