using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.Telemetry;

/// <summary>
/// The AppHost's OTLP endpoints, each on a free loopback port: gRPC (HTTP/2 without TLS) serving
/// the logs, trace and metrics collector services, and HTTP/1.1 with <c>http/protobuf</c> or
/// <c>http/json</c> (<see cref="OtlpHttpEndpoints"/>), both into one <see cref="TelemetryStore"/>. The services
/// find the gRPC one through <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; the HTTP one is for exporters
/// that speak only HTTP.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, Uri endpoint, Uri httpEndpoint)
    {
        _app = app;
        Endpoint = endpoint;
        HttpEndpoint = httpEndpoint;
    }

    /// <summary>Where gRPC exporters send to, e.g. <c>http://127.0.0.1:43117</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Where <c>http/protobuf</c> and <c>http/json</c> exporters send to (the signal's path, <c>/v1/traces</c> …, appended).</summary>
    public Uri HttpEndpoint { get; }

    public static async Task<OtlpReceiver> StartAsync(TelemetryStore store, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Port 0: the kernel picks a free port at bind time, so there is no window in which another
        // process can take it. Two listeners: HTTP/2 without TLS cannot share a port with HTTP/1.1.
        ListenOptions grpc = null!, http = null!;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => (grpc = listen).Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, 0, listen => (http = listen).Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddSingleton(store);
        builder.Services.AddGrpc(options => options.MaxReceiveMessageSize = 16 * 1024 * 1024);
        var app = builder.Build();
        app.MapGrpcService<OtlpLogsService>();
        app.MapGrpcService<OtlpTraceService>();
        app.MapGrpcService<OtlpMetricsService>();
        app.MapOtlpHttp();
        await app.StartAsync(cancellationToken);

        // Kestrel writes the bound ports back into the listen options.
        return new OtlpReceiver(app, new Uri($"http://{grpc.IPEndPoint}"), new Uri($"http://{http.IPEndPoint}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
