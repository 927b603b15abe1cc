using System.Globalization;
using Aspire.Hosting.Telemetry.Otlp.Collector.Logs;
using Aspire.Hosting.Telemetry.Otlp.Collector.Metrics;
using Aspire.Hosting.Telemetry.Otlp.Collector.Trace;
using Aspire.Hosting.Telemetry.Otlp.Common;
using Aspire.Hosting.Telemetry.Otlp.Logs;
using Aspire.Hosting.Telemetry.Otlp.Metrics;
using Aspire.Hosting.Telemetry.Otlp.Trace;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace Aspire.Hosting.Telemetry;

/// <summary>Turns OTLP messages into the store's records: hex ids, readable levels, attributes as text.</summary>
internal static class OtlpMapper
{
    /// <summary>One export request of each signal, as gRPC and HTTP receive it, into the store, then tells the store's watchers.</summary>
    public static void Store(TelemetryStore store, ExportLogsServiceRequest request)
    {
        foreach (var resourceLogs in request.ResourceLogs)
        {
            Store(store, resourceLogs);
        }
        store.Stored();
    }

    /// <inheritdoc cref="Store(TelemetryStore, ExportLogsServiceRequest)"/>
    public static void Store(TelemetryStore store, ExportTraceServiceRequest request)
    {
        foreach (var resourceSpans in request.ResourceSpans)
        {
            Store(store, resourceSpans);
        }
        store.Stored();
    }

    /// <inheritdoc cref="Store(TelemetryStore, ExportLogsServiceRequest)"/>
    public static void Store(TelemetryStore store, ExportMetricsServiceRequest request)
    {
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            Store(store, resourceMetrics);
        }
        store.Stored();
    }

    public static int Store(TelemetryStore store, ResourceLogs resourceLogs)
    {
        var (resource, instance) = Identify(resourceLogs.Resource);
        var count = 0;
        foreach (var scope in resourceLogs.ScopeLogs)
        {
            foreach (var record in scope.LogRecords)
            {
                var attributes = Attributes(record.Attributes);
                // The .NET exporter sends the formatted message as the body and the template as {OriginalFormat}.
                var message = record.Body is { } body ? Text(body) : attributes.FirstOrDefault(a => a.Key == "{OriginalFormat}").Value ?? "";
                var time = record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano;
                store.Add(new TelemetryLogEntry(resource, instance, FromUnixNano(time), Level(record.SeverityNumber, record.SeverityText),
                    (int)record.SeverityNumber, scope.Scope?.Name ?? "", message, attributes,
                    Hex(record.TraceId), Hex(record.SpanId)));
                count++;
            }
        }
        return count;
    }

    public static int Store(TelemetryStore store, ResourceSpans resourceSpans)
    {
        var (resource, instance) = Identify(resourceSpans.Resource);
        var count = 0;
        foreach (var scope in resourceSpans.ScopeSpans)
        {
            foreach (var span in scope.Spans)
            {
                store.Add(new TelemetrySpan(resource, instance, Hex(span.TraceId) ?? "", Hex(span.SpanId) ?? "", Hex(span.ParentSpanId),
                    span.Name, Kind(span.Kind), scope.Scope?.Name ?? "", FromUnixNano(span.StartTimeUnixNano), FromUnixNano(span.EndTimeUnixNano),
                    span.Status?.Code switch { Status.Types.StatusCode.Error => "Error", Status.Types.StatusCode.Ok => "Ok", _ => "Unset" },
                    span.Status?.Message is { Length: > 0 } m ? m : null, Attributes(span.Attributes)));
                count++;
            }
        }
        return count;
    }

    public static int Store(TelemetryStore store, ResourceMetrics resourceMetrics)
    {
        var (resource, instance) = Identify(resourceMetrics.Resource);
        var count = 0;
        foreach (var scope in resourceMetrics.ScopeMetrics)
        {
            foreach (var metric in scope.Metrics)
            {
                switch (metric.DataCase)
                {
                    case Metric.DataOneofCase.Sum:
                        var kind = metric.Sum.IsMonotonic ? MetricKind.Counter : MetricKind.Gauge;
                        var delta = metric.Sum.AggregationTemporality == AggregationTemporality.Delta;
                        foreach (var point in metric.Sum.DataPoints)
                        {
                            store.AddPoint(resource, instance, metric.Name, metric.Unit, metric.Description, kind, delta, Attributes(point.Attributes),
                                new MetricPoint(FromUnixNano(point.TimeUnixNano), Number(point)));
                            count++;
                        }
                        break;
                    case Metric.DataOneofCase.Gauge:
                        foreach (var point in metric.Gauge.DataPoints)
                        {
                            store.AddPoint(resource, instance, metric.Name, metric.Unit, metric.Description, MetricKind.Gauge, false, Attributes(point.Attributes),
                                new MetricPoint(FromUnixNano(point.TimeUnixNano), Number(point)));
                            count++;
                        }
                        break;
                    case Metric.DataOneofCase.Histogram:
                        var deltaHistogram = metric.Histogram.AggregationTemporality == AggregationTemporality.Delta;
                        foreach (var point in metric.Histogram.DataPoints)
                        {
                            store.AddPoint(resource, instance, metric.Name, metric.Unit, metric.Description, MetricKind.Histogram, deltaHistogram,
                                Attributes(point.Attributes),
                                new MetricPoint(FromUnixNano(point.TimeUnixNano), point.Count == 0 ? 0 : point.Sum / point.Count, point.Count, point.Sum));
                            count++;
                        }
                        break;
                }
            }
        }
        return count;
    }

    /// <summary>The resource is the service (<c>service.name</c>, which the AppHost sets to the resource name); the instance tells replicas apart.</summary>
    private static (string Resource, string Instance) Identify(Otlp.Resource.Resource? resource)
    {
        var attributes = resource?.Attributes ?? [];
        var name = attributes.FirstOrDefault(a => a.Key == "service.name") is { } n ? Text(n.Value) : "unknown";
        var instance = attributes.FirstOrDefault(a => a.Key == "service.instance.id") is { } i ? Text(i.Value) : name;
        return (name, instance);
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Attributes(RepeatedField<KeyValue> attributes) =>
        attributes.Select(a => new KeyValuePair<string, string>(a.Key, Text(a.Value))).ToList();

    private static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Select(Text)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(", ", value.KvlistValue.Values.Select(kv => $"{kv.Key}: {Text(kv.Value)}")) + "}",
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
        _ => "",
    };

    private static double Number(NumberDataPoint point) =>
        point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble;

    private static string? Hex(ByteString id) => id.IsEmpty || id.Span.IndexOfAnyExcept((byte)0) < 0 ? null : Convert.ToHexStringLower(id.Span);

    private static DateTimeOffset FromUnixNano(ulong nanos) => DateTimeOffset.UnixEpoch.AddTicks((long)(nanos / 100));

    /// <summary>Severity numbers come in fours per level (OTLP); .NET's level names read better than TRACE2 or INFO4.</summary>
    private static string Level(SeverityNumber number, string text) => number switch
    {
        >= SeverityNumber.Fatal => "Critical",
        >= SeverityNumber.Error => "Error",
        >= SeverityNumber.Warn => "Warning",
        >= SeverityNumber.Info => "Information",
        >= SeverityNumber.Debug => "Debug",
        >= SeverityNumber.Trace => "Trace",
        _ => text is { Length: > 0 } ? text : "Information",
    };

    private static string Kind(Span.Types.SpanKind kind) => kind switch
    {
        Span.Types.SpanKind.Server => "Server",
        Span.Types.SpanKind.Client => "Client",
        Span.Types.SpanKind.Producer => "Producer",
        Span.Types.SpanKind.Consumer => "Consumer",
        _ => "Internal",
    };
}
