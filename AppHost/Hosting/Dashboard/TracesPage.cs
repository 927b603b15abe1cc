using System.Globalization;
using System.Text;
using Aspire.Hosting.Telemetry;

namespace Aspire.Hosting.Dashboard;

/// <summary>
/// Recent traces (root span, services crossed, spans, duration) and one trace as a waterfall
/// across services: each span a bar placed by its start and sized by its duration, nested under
/// its parent.
/// </summary>
internal static class TracesPage
{
    public static string List(TelemetryStore store, string? resource, string queryString)
    {
        var body = $"""
            <h1>Traces</h1>
            <form class="filter" method="get" action="/traces">{Layout.ResourceSelect(store.Resources, resource, allowAll: true)}
              <label><input type="checkbox" id="pause"> pause</label></form>
            <table><thead><tr><th>Time</th><th>Root</th><th>Services</th><th>Spans</th><th>Duration</th></tr></thead>
            <tbody id="traces">{Rows(store, resource)}</tbody></table>
            """;
        return Layout.Page("Traces", body, Layout.Refresh("traces", "/traces/rows" + queryString));
    }

    public static string Rows(TelemetryStore store, string? resource)
    {
        var traces = store.Traces(resource);
        if (traces.Count == 0)
        {
            return "<tr><td colspan=\"5\" class=\"muted\">No traces yet.</td></tr>";
        }
        var longest = traces.Max(t => t.Duration.TotalMilliseconds);
        var html = new StringBuilder();
        foreach (var trace in traces)
        {
            var width = longest > 0 ? Math.Max(1, trace.Duration.TotalMilliseconds / longest * 100) : 1;
            html.Append($"<tr class=\"trace\" data-trace-id=\"{trace.TraceId}\">")
                .Append($"<td class=\"mono\">{trace.Start.ToLocalTime():HH:mm:ss.fff}</td>")
                .Append($"<td><a href=\"/traces/{trace.TraceId}\">{Layout.Encode(trace.RootResource)}: {Layout.Encode(trace.RootName)}</a>{(trace.HasError ? " <span class=\"Unhealthy\">error</span>" : "")}</td>")
                .Append("<td class=\"services\">")
                .Append(string.Concat(trace.Resources.Select(r => $"<span class=\"chip\" style=\"background:{Layout.Colour(r)}\">{Layout.Encode(r)}</span>")))
                .Append($"</td><td>{trace.SpanCount}</td>")
                .Append($"<td><div class=\"lane\" style=\"min-width:8rem\"><div class=\"bar\" style=\"left:0;width:{width.ToString("0.##", CultureInfo.InvariantCulture)}%;background:{Layout.Colour(trace.RootResource)}\"></div></div>{Layout.Duration(trace.Duration)}</td></tr>");
        }
        return html.ToString();
    }

    public static string Detail(IReadOnlyList<TelemetrySpan> spans, string traceId) =>
        Layout.Page($"Trace {traceId[..Math.Min(8, traceId.Length)]}",
            $"<h1>Trace <span class=\"mono\">{Layout.Encode(traceId)}</span></h1><label><input type=\"checkbox\" id=\"pause\"> pause</label><div id=\"trace\">{Waterfall(spans, traceId)}</div>",
            // Spans of a request still in flight arrive over the next seconds: the waterfall fills in.
            Layout.Refresh("trace", $"/traces/{traceId}/waterfall"));

    public static string Waterfall(IReadOnlyList<TelemetrySpan> spans, string traceId)
    {
        var start = spans.Min(s => s.Start);
        var total = Math.Max((spans.Max(s => s.End) - start).Ticks, 1);
        var services = spans.Select(s => s.Resource).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var chips = string.Concat(services.Select(r => $"<span class=\"chip\" style=\"background:{Layout.Colour(r)}\">{Layout.Encode(r)}</span>"));
        var html = new StringBuilder();
        html.Append($"""
            <p>{Layout.Duration(TimeSpan.FromTicks(total))} · {spans.Count} spans · {chips}
            · <a href="/structuredlogs?trace={Uri.EscapeDataString(traceId)}">logs of this trace</a></p>
            <table class="waterfall"><thead><tr><th>Span</th><th>Kind</th><th style="width:55%">Timeline</th><th>Duration</th></tr></thead><tbody>
            """);
        foreach (var (span, depth) in Ordered(spans))
        {
            var left = (span.Start - start).Ticks * 100.0 / total;
            var width = Math.Max(span.Duration.Ticks * 100.0 / total, 0.2);
            html.Append($"<tr class=\"span\" data-resource=\"{Layout.Encode(span.Resource)}\" data-span-id=\"{span.SpanId}\" data-parent-span-id=\"{span.ParentSpanId}\">")
                .Append($"<td style=\"padding-left:{0.5 + depth * 1.2:0.#}rem\"><details><summary><span class=\"chip\" style=\"background:{Layout.Colour(span.Resource)}\">{Layout.Encode(span.Instance)}</span>{Layout.Encode(Label(span))}</summary>")
                .Append(string.Concat(span.Attributes.Select(a => $"<span class=\"attr\">{Layout.Encode(a.Key)}={Layout.Encode(a.Value)}</span>")))
                .Append(span.StatusMessage is { } message ? $"<div class=\"Unhealthy\">{Layout.Encode(message)}</div>" : "")
                .Append($"<div class=\"muted mono\">{Layout.Encode(span.Scope)} · {span.SpanId}</div></details></td>")
                .Append($"<td>{span.Kind}</td>")
                .Append($"<td><div class=\"lane\"><div class=\"bar{(span.Status == "Error" ? " error" : "")}\" style=\"left:{left.ToString("0.###", CultureInfo.InvariantCulture)}%;width:{width.ToString("0.###", CultureInfo.InvariantCulture)}%;background:{Layout.Colour(span.Resource)}\"></div></div></td>")
                .Append($"<td class=\"mono\">{Layout.Duration(span.Duration)}</td></tr>");
        }
        html.Append("</tbody></table>");
        return html.ToString();
    }

    /// <summary>An HTTP client span is named by its method alone; where it went is what a reader wants to see.</summary>
    private static string Label(TelemetrySpan span)
    {
        var url = span.Kind == "Client" ? span.Attributes.FirstOrDefault(a => a.Key == "url.full").Value : null;
        return url is null ? span.Name : $"{span.Name} {url.Split('?')[0]}";
    }

    /// <summary>Depth-first from the roots, children by start time; spans whose parent never arrived count as roots.</summary>
    private static IEnumerable<(TelemetrySpan Span, int Depth)> Ordered(IReadOnlyList<TelemetrySpan> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        var children = spans.Where(s => s.ParentSpanId is { } p && ids.Contains(p)).ToLookup(s => s.ParentSpanId!);
        var stack = new Stack<(TelemetrySpan, int)>(spans
            .Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId))
            .OrderByDescending(s => s.Start)
            .Select(s => (s, 0)));
        while (stack.Count > 0)
        {
            var (span, depth) = stack.Pop();
            yield return (span, depth);
            foreach (var child in children[span.SpanId].OrderByDescending(s => s.Start))
            {
                stack.Push((child, depth + 1));
            }
        }
    }
}
