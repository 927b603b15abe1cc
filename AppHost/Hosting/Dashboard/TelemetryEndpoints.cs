using Aspire.Hosting.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aspire.Hosting.Dashboard;

/// <summary>The dashboard's structured logs, traces and metrics pages, and the fragments and data they refresh from.</summary>
internal static class TelemetryEndpoints
{
    private const string Html = "text/html; charset=utf-8";

    public static IEndpointRouteBuilder MapTelemetryPages(this IEndpointRouteBuilder app, DistributedApplication application)
    {
        var store = application.Telemetry;
        app.MapGet("/structuredlogs", (HttpRequest request) =>
            Results.Content(StructuredLogsPage.Render(store, Query(request), request.QueryString.Value ?? ""), Html));
        app.MapGet("/structuredlogs/rows", (HttpRequest request) => Results.Content(StructuredLogsPage.Rows(store, Query(request)), Html));
        app.MapGet("/traces", (string? resource, HttpRequest request) =>
            Results.Content(TracesPage.List(store, resource, request.QueryString.Value ?? ""), Html));
        app.MapGet("/traces/rows", (string? resource) => Results.Content(TracesPage.Rows(store, resource), Html));
        app.MapGet("/traces/{traceId}", (string traceId) => store.Trace(traceId) is { Count: > 0 } spans
            ? Results.Content(TracesPage.Detail(spans, traceId), Html)
            : Results.NotFound());
        app.MapGet("/traces/{traceId}/waterfall", (string traceId) => store.Trace(traceId) is { Count: > 0 } spans
            ? Results.Content(TracesPage.Waterfall(spans, traceId), Html)
            : Results.NotFound());
        app.MapGet("/metrics", (string? resource, string? instrument) => Results.Content(MetricsPage.Render(store, resource, instrument), Html));
        app.MapGet("/api/metrics/{resource}", (string resource, string? instrument) =>
            Results.Json(MetricCharts.For(store, resource, instrument, TimeProvider.System.GetUtcNow()).Select(c => new
            {
                id = c.Id,
                title = c.Title,
                unit = c.Unit,
                instrument = c.Instrument,
                points = c.Points.Select(p => new { time = p.Time, value = p.Value }),
            })));
        return app;
    }

    private static LogQuery Query(HttpRequest request) => new(
        Resource: request.Query["resource"].FirstOrDefault(),
        MinimumLevel: request.Query["level"].FirstOrDefault(),
        Text: request.Query["q"].FirstOrDefault(),
        TraceId: request.Query["trace"].FirstOrDefault());
}
