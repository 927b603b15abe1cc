using System.IO.Compression;
using Aspire.Hosting.Telemetry.Otlp.Collector.Logs;
using Aspire.Hosting.Telemetry.Otlp.Collector.Metrics;
using Aspire.Hosting.Telemetry.Otlp.Collector.Trace;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Aspire.Hosting.Telemetry;

/// <summary>
/// OTLP over HTTP with binary protobuf (<c>http/protobuf</c>): <c>POST /v1/traces</c>,
/// <c>/v1/logs</c> and <c>/v1/metrics</c>, gzip-encoded or not, into the same store as the gRPC
/// services. JSON (<c>http/json</c>) is refused with 415: its ids are hex, not protobuf's JSON form.
/// </summary>
internal static class OtlpHttpEndpoints
{
    public const string Protobuf = "application/x-protobuf";

    /// <summary>The most a request may carry, compressed or not (as the gRPC services allow).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    public static void MapOtlpHttp(this IEndpointRouteBuilder app)
    {
        Map(app, "/v1/traces", ExportTraceServiceRequest.Parser, static (store, request) =>
        {
            foreach (var spans in request.ResourceSpans)
            {
                OtlpMapper.Store(store, spans);
            }
        }, new ExportTraceServiceResponse());
        Map(app, "/v1/logs", ExportLogsServiceRequest.Parser, static (store, request) =>
        {
            foreach (var logs in request.ResourceLogs)
            {
                OtlpMapper.Store(store, logs);
            }
        }, new ExportLogsServiceResponse());
        Map(app, "/v1/metrics", ExportMetricsServiceRequest.Parser, static (store, request) =>
        {
            foreach (var metrics in request.ResourceMetrics)
            {
                OtlpMapper.Store(store, metrics);
            }
        }, new ExportMetricsServiceResponse());
    }

    private static void Map<TRequest>(IEndpointRouteBuilder app, string path, MessageParser<TRequest> parser,
        Action<TelemetryStore, TRequest> store, IMessage response) where TRequest : IMessage<TRequest>
    {
        var answer = response.ToByteArray();
        app.MapPost(path, async (HttpContext context, TelemetryStore telemetry) =>
        {
            if (!string.Equals(context.Request.ContentType?.Split(';')[0].Trim(), Protobuf, StringComparison.OrdinalIgnoreCase))
            {
                return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                    detail: $"This OTLP/HTTP endpoint takes {Protobuf} (http/protobuf); send JSON exporters to the gRPC endpoint or switch them to protobuf.");
            }
            context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize = MaxBytes;

            byte[] body;
            try
            {
                body = await ReadAsync(context.Request, context.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
            {
                return Results.Problem(statusCode: ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest,
                    title: "Unreadable body", detail: ex.Message);
            }

            TRequest request;
            try
            {
                request = parser.ParseFrom(body);
            }
            catch (InvalidProtocolBufferException ex)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not an OTLP export request", detail: ex.Message);
            }
            store(telemetry, request);
            telemetry.Stored();
            return Results.Bytes(answer, Protobuf);
        });
    }

    /// <summary>The body, gunzipped when it says so, never more than <see cref="MaxBytes"/> either way.</summary>
    private static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.ContentEncoding.ToString();
        await using var source = encoding switch
        {
            "" or "identity" => request.Body,
            "gzip" => new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            _ => throw new InvalidDataException($"Content-Encoding '{encoding}' is not supported (gzip is)."),
        };
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new InvalidDataException($"The export request is larger than {MaxBytes / (1024 * 1024)} MiB once decompressed.");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
