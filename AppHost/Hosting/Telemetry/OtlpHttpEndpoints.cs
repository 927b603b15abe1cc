using System.IO.Compression;
using System.Text.Json.Nodes;
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
/// OTLP over HTTP (<c>http/protobuf</c> and <c>http/json</c>): <c>POST /v1/traces</c>,
/// <c>/v1/logs</c> and <c>/v1/metrics</c>, gzip-encoded or not, into the same store as the gRPC
/// services; answered in the request's encoding. OTLP's JSON is protobuf's JSON mapping except that
/// trace and span ids are hex, not base64: they are turned into base64 before parsing.
/// </summary>
internal static class OtlpHttpEndpoints
{
    public const string Protobuf = "application/x-protobuf";

    public const string Json = "application/json";

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private static readonly HashSet<string> IdFields = ["traceId", "spanId", "parentSpanId"];

    /// <summary>The most a request may carry, compressed or not (as the gRPC services allow).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    public static void MapOtlpHttp(this IEndpointRouteBuilder app)
    {
        Map(app, "/v1/traces", ExportTraceServiceRequest.Parser, OtlpMapper.Store, new ExportTraceServiceResponse());
        Map(app, "/v1/logs", ExportLogsServiceRequest.Parser, OtlpMapper.Store, new ExportLogsServiceResponse());
        Map(app, "/v1/metrics", ExportMetricsServiceRequest.Parser, OtlpMapper.Store, new ExportMetricsServiceResponse());
    }

    private static void Map<TRequest>(IEndpointRouteBuilder app, string path, MessageParser<TRequest> parser,
        Action<TelemetryStore, TRequest> store, IMessage response) where TRequest : IMessage<TRequest>, new()
    {
        var binaryAnswer = response.ToByteArray();
        var jsonAnswer = JsonFormatter.Default.Format(response);
        app.MapPost(path, async (HttpContext context, TelemetryStore telemetry) =>
        {
            var mediaType = context.Request.ContentType?.Split(';')[0].Trim();
            var json = string.Equals(mediaType, Json, StringComparison.OrdinalIgnoreCase);
            if (!json && !string.Equals(mediaType, Protobuf, StringComparison.OrdinalIgnoreCase))
            {
                return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                    detail: $"OTLP/HTTP takes {Protobuf} (http/protobuf) or {Json} (http/json).");
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
                request = json ? Parser.Parse<TRequest>(Base64Ids(body)) : parser.ParseFrom(body);
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or System.Text.Json.JsonException or FormatException)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not an OTLP export request", detail: ex.Message);
            }
            store(telemetry, request);
            return json ? Results.Text(jsonAnswer, Json) : Results.Bytes(binaryAnswer, Protobuf);
        });
    }

    /// <summary>The JSON with every hex trace and span id rewritten as base64, as protobuf's JSON mapping has bytes.</summary>
    private static string Base64Ids(byte[] body)
    {
        var root = JsonNode.Parse(body) ?? throw new FormatException("The body is JSON null.");
        Rewrite(root);
        return root.ToJsonString();

        static void Rewrite(JsonNode node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, value) in obj.ToList())
                    {
                        if (IdFields.Contains(name) && value is JsonValue id && id.TryGetValue<string>(out var hex))
                        {
                            obj[name] = hex.Length == 0 ? "" : Convert.ToBase64String(Convert.FromHexString(hex));
                        }
                        else if (value is not null)
                        {
                            Rewrite(value);
                        }
                    }
                    break;
                case JsonArray array:
                    foreach (var item in array.OfType<JsonNode>())
                    {
                        Rewrite(item);
                    }
                    break;
            }
        }
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
