namespace Aspire.Hosting.Dashboard;

/// <summary>What every dashboard page shares: the style sheet, the navigation, the document around the body.</summary>
internal static class Layout
{
    public const string Style = """
        <style>
          body{font-family:system-ui,sans-serif;margin:1.5rem;background:#fafafa;color:#222}
          h1{font-size:1.3rem} h2{font-size:1rem;margin:.2rem 0} table{border-collapse:collapse;width:100%;background:#fff}
          th,td{padding:.45rem .6rem;border-bottom:1px solid #ddd;text-align:left;font-size:.9rem;vertical-align:top}
          .Healthy{color:#0a7d28;font-weight:600} .Degraded{color:#b36b00;font-weight:600} .Unhealthy{color:#c0162c;font-weight:600}
          button{margin-right:.3rem} #log{background:#111;color:#ddd;font:12px/1.4 monospace;padding:.6rem;height:70vh;overflow:auto;white-space:pre-wrap}
          .err{color:#ff8080} nav{margin-bottom:.8rem} nav a{margin-right:1rem}
          form.filter{margin:.6rem 0} form.filter *{margin-right:.4rem}
          .attr{display:inline-block;background:#eef1f6;border-radius:3px;padding:0 .3rem;margin:.1rem .2rem .1rem 0;font:11px/1.5 monospace}
          .level-Warning td.level{color:#b36b00;font-weight:600} .level-Error td.level,.level-Critical td.level{color:#c0162c;font-weight:700}
          .mono{font-family:monospace;font-size:.8rem} .muted{color:#777} .chip{display:inline-block;border-radius:3px;padding:0 .35rem;margin-right:.2rem;color:#fff;font-size:.8rem}
          .waterfall td{padding:.25rem .5rem} .lane{position:relative;height:1.1rem;background:#f2f2f2;min-width:30rem}
          .bar{position:absolute;top:.15rem;height:.8rem;border-radius:2px;min-width:2px} .bar.error{outline:2px solid #c0162c}
          details summary{cursor:pointer} .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(22rem,1fr));gap:1rem}
          .chart{background:#fff;border:1px solid #ddd;border-radius:4px;padding:.5rem} .chart svg{width:100%;height:9rem}
          .chart .now{float:right;font-weight:600}
        </style>
        """;

    private const string Navigation = """
        <nav><a href="/">Resources</a><a href="/structuredlogs">Structured logs</a><a href="/traces">Traces</a><a href="/metrics">Metrics</a></nav>
        """;

    public static string Page(string title, string body, string script = "") => $$"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{Encode(title)}}</title>{{Style}}</head>
        <body>{{Navigation}}
        {{body}}
        {{(script.Length > 0 ? $"<script>{script}</script>" : "")}}
        </body></html>
        """;

    /// <summary>A drop-down of resources that submits its form, with "all" first when allowed.</summary>
    public static string ResourceSelect(IEnumerable<string> resources, string? selected, bool allowAll) =>
        "<select name=\"resource\" onchange=\"this.form.submit()\">"
        + (allowAll ? $"<option value=\"\"{(string.IsNullOrEmpty(selected) ? " selected" : "")}>all resources</option>" : "")
        + string.Concat(resources.Select(r => $"<option value=\"{Encode(r)}\"{(string.Equals(r, selected, StringComparison.OrdinalIgnoreCase) ? " selected" : "")}>{Encode(r)}</option>"))
        + "</select>";

    /// <summary>A steady colour per resource, so a service reads the same in every waterfall.</summary>
    public static string Colour(string resource)
    {
        string[] palette = ["#3b6fd8", "#d8793b", "#2f9e62", "#9b4dca", "#c8414f", "#1f9bb0", "#8a8a2e", "#6b5b3e"];
        var hash = 0;
        foreach (var c in resource)
        {
            hash = unchecked(hash * 31 + c);
        }
        return palette[(hash & int.MaxValue) % palette.Length];
    }

    /// <summary>
    /// Refreshes an element from a URL every two seconds while the page is visible; only when the
    /// server's answer changed, so an opened span or a selection survives a quiet refresh.
    /// </summary>
    public static string Refresh(string elementId, string url) => $$"""
        let last = null;
        setInterval(async () => {
          if (document.hidden || document.getElementById('pause')?.checked) return;
          const response = await fetch({{System.Text.Json.JsonSerializer.Serialize(url)}});
          if (!response.ok) return;
          const html = await response.text();
          if (html !== last) { last = html; document.getElementById('{{elementId}}').innerHTML = html; }
        }, 2000);
        """;

    public static string Duration(TimeSpan duration) => duration.TotalMilliseconds switch
    {
        < 1 => $"{duration.TotalMicroseconds:0}µs",
        < 1000 => $"{duration.TotalMilliseconds:0.##}ms",
        _ => $"{duration.TotalSeconds:0.##}s",
    };

    public static string Encode(string? text) => System.Net.WebUtility.HtmlEncode(text ?? "");
}
