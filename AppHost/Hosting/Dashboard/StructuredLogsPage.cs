using System.Text;
using Aspire.Hosting.Telemetry;

namespace Aspire.Hosting.Dashboard;

/// <summary>
/// Structured logs the services exported: resource, level, category, message, attributes and a
/// link to the trace a record was written in, filtered by resource, minimum level and text.
/// The rows are rendered here and refreshed by fetching them again.
/// </summary>
internal static class StructuredLogsPage
{
    public static string Render(TelemetryStore store, LogQuery query, string queryString)
    {
        var body = $"""
            <h1>Structured logs</h1>
            <form class="filter" method="get" action="/structuredlogs">
              {Layout.ResourceSelect(store.Resources, query.Resource, allowAll: true)}
              <select name="level" onchange="this.form.submit()">{string.Concat(TelemetryStore.Levels.Select(l =>
                  $"<option value=\"{l}\"{(l == (query.MinimumLevel ?? "Trace") ? " selected" : "")}>{l} and above</option>"))}</select>
              <input name="q" placeholder="text in message or attributes" value="{Layout.Encode(query.Text)}" size="32">
              {(query.TraceId is { Length: > 0 } trace ? $"<input type=\"hidden\" name=\"trace\" value=\"{Layout.Encode(trace)}\"> trace {Layout.Encode(trace[..Math.Min(8, trace.Length)])} <a href=\"/structuredlogs\">clear</a>" : "")}
              <button>Filter</button> <label><input type="checkbox" id="pause"> pause</label>
            </form>
            <table><thead><tr><th>Time</th><th>Resource</th><th>Level</th><th>Category</th><th>Message</th><th>Attributes</th><th>Trace</th></tr></thead>
            <tbody id="logs">{Rows(store, query)}</tbody></table>
            """;
        return Layout.Page("Structured logs", body, Layout.Refresh("logs", "/structuredlogs/rows" + queryString));
    }

    public static string Rows(TelemetryStore store, LogQuery query)
    {
        var logs = store.Logs(query);
        if (logs.Count == 0)
        {
            return "<tr><td colspan=\"7\" class=\"muted\">No structured logs yet.</td></tr>";
        }
        var html = new StringBuilder();
        foreach (var log in logs)
        {
            html.Append($"<tr class=\"log level-{log.Level}\" data-resource=\"{Layout.Encode(log.Resource)}\">")
                .Append($"<td class=\"mono\">{log.Timestamp.ToLocalTime():HH:mm:ss.fff}</td>")
                .Append($"<td><span class=\"chip\" style=\"background:{Layout.Colour(log.Resource)}\">{Layout.Encode(log.Instance)}</span></td>")
                .Append($"<td class=\"level\">{log.Level}</td>")
                .Append($"<td class=\"mono\">{Layout.Encode(log.Category)}</td>")
                .Append($"<td class=\"message\">{Layout.Encode(log.Message)}</td><td class=\"attributes\">");
            foreach (var (key, value) in log.Attributes.Where(a => a.Key != "{OriginalFormat}"))
            {
                html.Append($"<span class=\"attr\" data-key=\"{Layout.Encode(key)}\">{Layout.Encode(key)}={Layout.Encode(value)}</span>");
            }
            html.Append("</td><td class=\"mono\">");
            if (log.TraceId is { } traceId)
            {
                html.Append($"<a class=\"trace\" href=\"/traces/{traceId}\">{traceId[..8]}</a>");
            }
            html.Append("</td></tr>");
        }
        return html.ToString();
    }
}
