using System.Text;
using System.Text.Json;
using Aspire.Hosting.Telemetry;

namespace Aspire.Hosting.Dashboard;

/// <summary>
/// A resource's key metrics as small line charts, drawn as SVG by the page's own script from
/// <c>/api/metrics/{resource}</c> every two seconds, and the list of every instrument it exports
/// (a click charts that one).
/// </summary>
internal static class MetricsPage
{
    public static string Render(TelemetryStore store, string? resource, string? instrument)
    {
        var resources = store.Resources;
        resource ??= resources.FirstOrDefault();
        var body = new StringBuilder();
        body.Append($"""
            <h1>Metrics</h1>
            <form class="filter" method="get" action="/metrics">{Layout.ResourceSelect(resources, resource, allowAll: false)}
              <span class="muted">last {MetricCharts.Window.TotalMinutes:0} minutes, {MetricCharts.Step.TotalSeconds:0} s steps, replicas added up</span></form>
            """);
        if (resource is null)
        {
            body.Append("<p class=\"muted\">No metrics yet.</p>");
            return Layout.Page("Metrics", body.ToString());
        }
        if (store.RefusedPoints(resource) is > 0 and var refused)
        {
            body.Append($"<p class=\"muted\">{Layout.Encode(resource)} passed the cap of {store.Limits.SeriesPerResource} series: {refused} points of further series were not kept.</p>");
        }
        body.Append("<div class=\"charts\" id=\"charts\"></div><h2 style=\"margin-top:1rem\">Instruments</h2>")
            .Append("<table><thead><tr><th>Name</th><th>Kind</th><th>Unit</th><th>Series</th><th>Description</th></tr></thead><tbody>");
        foreach (var group in store.Series(resource).GroupBy(s => s.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First();
            body.Append($"<tr><td class=\"mono\"><a href=\"/metrics?resource={Uri.EscapeDataString(resource)}&instrument={Uri.EscapeDataString(group.Key)}\">{Layout.Encode(group.Key)}</a></td>")
                .Append($"<td>{first.Kind}</td><td>{Layout.Encode(first.Unit)}</td><td>{group.Count()}</td><td class=\"muted\">{Layout.Encode(first.Description)}</td></tr>");
        }
        body.Append("</tbody></table>");
        var api = $"/api/metrics/{Uri.EscapeDataString(resource)}" + (instrument is { Length: > 0 } ? $"?instrument={Uri.EscapeDataString(instrument)}" : "");
        return Layout.Page($"Metrics — {resource}", body.ToString(), Script.Replace("__API__", JsonSerializer.Serialize(api)));
    }

    // Draws each chart as a polyline over the window; a gap where a step had no value.
    private const string Script = """
        const charts = document.getElementById('charts');
        function format(v){ return Math.abs(v) >= 1e6 ? (v/1e6).toFixed(1)+'M' : Math.abs(v) >= 1e3 ? (v/1e3).toFixed(1)+'k' : (Math.round(v*100)/100).toString(); }
        function draw(chart){
          let box = document.getElementById('chart-' + chart.id);
          if (!box) {
            box = document.createElement('div'); box.className = 'chart'; box.id = 'chart-' + chart.id;
            box.innerHTML = '<h2></h2><svg viewBox="0 0 300 100" preserveAspectRatio="none"></svg><div class="muted axis"></div>';
            box.querySelector('h2').textContent = chart.title;
            charts.appendChild(box);
          }
          const svg = box.querySelector('svg'), ns = 'http://www.w3.org/2000/svg';
          svg.dataset.instrument = chart.instrument;
          const points = chart.points, values = points.map(p => p.value).filter(v => v !== null);
          svg.dataset.max = values.length ? Math.max(...values) : 0;
          const max = Math.max(1e-9, ...values) * 1.1, step = 300 / Math.max(1, points.length - 1);
          let d = '', pen = false;
          points.forEach((p, i) => {
            if (p.value === null) { pen = false; return; }
            d += (pen ? 'L' : 'M') + (i * step).toFixed(1) + ' ' + (100 - p.value / max * 96).toFixed(1) + ' '; pen = true;
          });
          svg.innerHTML = '';
          for (const y of [25, 50, 75]) { const g = document.createElementNS(ns, 'line'); g.setAttribute('x1', 0); g.setAttribute('x2', 300);
            g.setAttribute('y1', y); g.setAttribute('y2', y); g.setAttribute('stroke', '#eee'); g.setAttribute('vector-effect', 'non-scaling-stroke'); svg.appendChild(g); }
          const line = document.createElementNS(ns, 'path'); line.setAttribute('class', 'line'); line.setAttribute('d', d.trim());
          line.setAttribute('fill', 'none'); line.setAttribute('stroke', '#3b6fd8'); line.setAttribute('stroke-width', '2'); line.setAttribute('vector-effect', 'non-scaling-stroke');
          line.dataset.points = values.length; svg.appendChild(line);
          const last = values.length ? values[values.length - 1] : null;
          box.querySelector('h2').innerHTML = '';
          box.querySelector('h2').append(chart.title, Object.assign(document.createElement('span'), { className: 'now', textContent: last === null ? '–' : format(last) + ' ' + chart.unit }));
          box.querySelector('.axis').textContent = 'max ' + format(max / 1.1) + ' ' + chart.unit;
        }
        async function load(){
          if (document.hidden) return;
          const response = await fetch(__API__);
          if (response.ok) (await response.json()).forEach(draw);
        }
        load(); setInterval(load, 2000);
        """;
}
