namespace Aspire.Hosting.Dashboard;

/// <summary>The resources and console pages, server-rendered with a little JavaScript.</summary>
internal static class Pages
{
    public static string Resources(IEnumerable<string> names) => $$"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Video platform — resources</title>{{Layout.Style}}</head>
        <body><nav><a href="/">Resources</a><a href="/structuredlogs">Structured logs</a><a href="/traces">Traces</a><a href="/metrics">Metrics</a>{{string.Concat(names.Select(n => $"<a href=\"/logs/{DashboardServer.Encode(n)}\">{DashboardServer.Encode(n)} logs</a>"))}}</nav>
        <h1>Resources</h1>
        <table><thead><tr><th>Name</th><th>Type</th><th>State</th><th>Health</th><th>Endpoints</th><th>PIDs</th><th>Started</th><th>Restarts</th><th>Actions</th></tr></thead>
        <tbody id="resources"></tbody></table>
        <script>
        const rows = {};
        function esc(t){return String(t ?? '').replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'})[c]);}
        function render(r){
          let tr = rows[r.name];
          if(!tr){ tr = document.createElement('tr'); tr.dataset.name = r.name; rows[r.name] = tr;
            const body = document.getElementById('resources'); body.appendChild(tr);
            [...body.children].sort((a,b)=>a.dataset.name.localeCompare(b.dataset.name)).forEach(x=>body.appendChild(x)); }
          const links = (r.urls||[]).map(u => `<a href="${esc(u)}" target="_blank">${esc(u)}</a>`).join(' ') || esc(r.connection_string || r.message || '');
          tr.innerHTML = `<td><a href="/logs/${esc(r.name)}">${esc(r.name)}</a></td><td>${esc(r.type)}</td><td class="state">${esc(r.state)}</td>`
            + `<td class="health ${esc(r.health)}" title="${esc(r.health_description)}">${esc(r.health || '-')}</td><td>${links}</td>`
            + `<td class="pids">${esc((r.pids||[]).join(', '))}</td><td>${r.started_at ? esc(new Date(r.started_at).toLocaleTimeString()) : ''}</td>`
            + `<td class="restarts">${esc(r.restarts)}</td><td>`
            + ['stop','start','restart'].map(c => `<button data-command="${c}" onclick="act('${esc(r.name)}','${c}')">${c}</button>`).join('') + '</td>';
        }
        async function act(name, command){ await fetch(`/api/resources/${encodeURIComponent(name)}/${command}`, {method:'POST'}); }
        fetch('/api/resources').then(r => r.json()).then(list => list.forEach(render));
        new EventSource('/api/resources/stream').onmessage = e => render(JSON.parse(e.data));
        </script></body></html>
        """;

    public static string Logs(string name) => $$"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{DashboardServer.Encode(name)}} — console</title>{{Layout.Style}}</head>
        <body><nav><a href="/">Resources</a><a href="/structuredlogs?resource={{Uri.EscapeDataString(name)}}">Structured logs</a></nav><h1>{{DashboardServer.Encode(name)}} console</h1>
        <input id="search" placeholder="search" oninput="filter()"> <span id="count"></span>
        <div id="log"></div>
        <script>
        const log = document.getElementById('log'), search = document.getElementById('search'), limit = 5000;
        function filter(){ const q = search.value.toLowerCase(); for (const l of log.children) l.hidden = q && !l.textContent.toLowerCase().includes(q); }
        new EventSource('/api/logs/{{Uri.EscapeDataString(name)}}/stream').onmessage = e => {
          const line = JSON.parse(e.data), div = document.createElement('div');
          div.textContent = line.text; if (line.error) div.className = 'err';
          const q = search.value.toLowerCase(); div.hidden = q && !line.text.toLowerCase().includes(q);
          log.appendChild(div); while (log.children.length > limit) log.firstChild.remove();
          document.getElementById('count').textContent = log.children.length + ' lines';
          log.scrollTop = log.scrollHeight;
        };
        </script></body></html>
        """;
}
