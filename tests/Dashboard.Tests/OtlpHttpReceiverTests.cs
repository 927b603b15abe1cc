using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Aspire.Hosting.Telemetry;
using Aspire.Hosting.Telemetry.Otlp.Collector.Trace;
using Aspire.Hosting.Telemetry.Otlp.Common;
using Aspire.Hosting.Telemetry.Otlp.Trace;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace VideoPlatform.Dashboard.Tests;

/// <summary>
/// The dashboard's OTLP/HTTP endpoint (<c>http/protobuf</c> and <c>http/json</c>), fed by
/// OpenTelemetry's own exporter and by hand-made requests for what that exporter does not send.
/// </summary>
public sealed class OtlpHttpReceiverTests : IAsyncLifetime
{
    private readonly TelemetryStore _store = new(new TelemetryLimits());
    private OtlpReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await OtlpReceiver.StartAsync(_store);

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public void OpenTelemetrys_http_protobuf_exporter_delivers_spans_and_logs()
    {
        using var source = new ActivitySource("otlp-http-test");
        using (var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => resource.AddService("http-exporter"))
            .AddSource("otlp-http-test")
            .AddOtlpExporter(o => (o.Protocol, o.Endpoint) = (OtlpExportProtocol.HttpProtobuf, new Uri(_receiver.HttpEndpoint, "/v1/traces")))
            .Build())
        {
            using (source.StartActivity("checkout"))
            {
            }
            Assert.True(tracing.ForceFlush(10_000));
        }
        using (var logging = LoggerFactory.Create(builder => builder.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("http-exporter"))
                .AddOtlpExporter(e => (e.Protocol, e.Endpoint) = (OtlpExportProtocol.HttpProtobuf, new Uri(_receiver.HttpEndpoint, "/v1/logs")));
        })))
        {
            logging.CreateLogger("test").LogWarning("sent over {Protocol}", "http/protobuf");
        }

        Assert.Contains(_store.Traces("http-exporter"), t => t.RootName == "checkout");
        Assert.Contains(_store.Logs(new LogQuery("http-exporter")), l => l.Message == "sent over http/protobuf" && l.Level == "Warning");
    }

    [Fact]
    public async Task A_gzip_encoded_request_is_taken_and_answered_in_protobuf()
    {
        using var http = new HttpClient();
        using var content = new ByteArrayContent(Gzip(TraceRequest("gzipped", "compressed-span").ToByteArray()));
        content.Headers.ContentType = new MediaTypeHeaderValue(OtlpHttpEndpoints.Protobuf);
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await http.PostAsync(new Uri(_receiver.HttpEndpoint, "/v1/traces"), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OtlpHttpEndpoints.Protobuf, response.Content.Headers.ContentType?.MediaType);
        ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(_store.Traces("gzipped"), t => t.RootName == "compressed-span");
    }

    [Fact]
    public async Task An_http_json_request_is_taken_with_its_hex_ids_and_answered_in_json()
    {
        // OTLP's JSON form as a browser SDK sends it: hex ids, enums as numbers, 64-bit times as strings.
        var start = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var json = $$$"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"json-exporter"}}]},
              "scopeSpans":[{"scope":{"name":"browser"},"spans":[{"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174",
                "name":"page-load","kind":2,"startTimeUnixNano":"{{{start}}}","endTimeUnixNano":"{{{start}}}","droppedLinksCount":0,
                "attributes":[{"key":"http.method","value":{"stringValue":"GET"}}]}]}]}]}
            """;
        using var http = new HttpClient();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri(_receiver.HttpEndpoint, "/v1/traces"), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var trace = Assert.Single(_store.Traces("json-exporter"));
        Assert.Equal(("page-load", "5b8efff798038103d269b633813fc60c"), (trace.RootName, trace.TraceId.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("text/plain", "hello", HttpStatusCode.UnsupportedMediaType)]
    [InlineData(OtlpHttpEndpoints.Protobuf, "not protobuf at all \u0001\u00ff", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"resourceSpans\": 7}", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"not hex\"}]}]}]}", HttpStatusCode.BadRequest)]
    public async Task What_is_not_an_export_request_in_protobuf_or_json_is_refused_with_a_problem(string contentType, string body, HttpStatusCode status)
    {
        using var http = new HttpClient();
        using var content = new StringContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        using var response = await http.PostAsync(new Uri(_receiver.HttpEndpoint, "/v1/traces"), content);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(_store.Resources);
    }

    private static ExportTraceServiceRequest TraceRequest(string service, string spanName)
    {
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var spans = new ResourceSpans
        {
            Resource = new Aspire.Hosting.Telemetry.Otlp.Resource.Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = service } } } },
            ScopeSpans =
            {
                new ScopeSpans
                {
                    Spans =
                    {
                        new Span
                        {
                            TraceId = ByteString.CopyFrom(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray()),
                            SpanId = ByteString.CopyFrom(Enumerable.Range(1, 8).Select(i => (byte)i).ToArray()),
                            Name = spanName,
                            StartTimeUnixNano = now,
                            EndTimeUnixNano = now + 1_000_000,
                        },
                    },
                },
            },
        };
        return new ExportTraceServiceRequest { ResourceSpans = { spans } };
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }
        return output.ToArray();
    }
}
