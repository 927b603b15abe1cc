using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace VideoPlatform.Bench;

internal static class Scenarios
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("pipeline-overhead",
            "`GET /api/v2/platforms` on metadata (no upstream, no cache: the ServiceDefaults pipeline — OpenTelemetry, " +
            "problem details, security middleware — plus JSON) against a bare Kestrel process answering the same bytes.",
            PipelineOverheadAsync),
        new("dcp-proxy",
            "`GET /api/v2/platforms` on metadata through DCP's proxy (the address a local run gives it, e.g. 5101) against the same service on its own port: " +
            "what the local orchestrator's proxy costs; deployments have no such hop.",
            DcpProxyAsync),
        new("cached-metadata",
            "`GET /api/v2/videos/youtube/{id}` answered from the cache (HybridCache, in-process level) against a bare Kestrel process answering the same bytes.",
            CachedMetadataAsync),
        new("vrchat-redirect",
            "`GET /api/vrchat/stream?url=https://youtu.be/{id}` on legacy (legacy → streaming → metadata, all cached; a 302 to the CDN) against a bare Kestrel process answering the same 302.",
            VrchatRedirectAsync),
        new("proxy-throughput",
            "1 GiB fetched from the fake CDN (Kestrel serving the file with Range) directly, through nginx as a reverse proxy, through YARP's `IHttpForwarder` and through the proxy's own HttpClient copy loop, each alone on bare Kestrel, " +
            "and through the streaming service's proxy (`/api/v2/stream/proxy/...`; with `--chunked`, fetching upstream in 10 MiB ranges as it does from googlevideo), one stream at a time; " +
            "median of three interleaved rounds after a warm-up; and the streaming process's peak resident memory after the warm-up and after 3 GiB more.",
            ProxyThroughputAsync),
        new("stampede",
            "1,000 concurrent requests for one uncached video (the fake YouTube answers after 300 ms) — how many times it is extracted (player calls by the first client; the muxed-only call beside it is not counted).",
            StampedeAsync),
        new("cold-extraction",
            "Median latency of 100 uncached `GET /api/v2/videos/youtube/{id}` (each a new id) minus the median latency of the upstream calls such an extraction makes (both player calls and the watch page, at once, as the extractor makes them) made directly to the fake YouTube: " +
            "once with the fake answering each player call after 20 ms (an upstream's round trip; YouTube's own are longer), once answering at once (what is left is CPU time on this machine's shared cores). " +
            "Both after 400 extractions, as in a service that has been up a while; and 40 right after start (after 5 discarded), while the JIT has not yet optimised the extraction path.",
            ColdExtractionAsync),
        new("soak",
            "12 minutes of mixed load (cached metadata, streaming redirects and VRChat redirects at once) — only with `--soak`; " +
            "each service's RSS after a 2-minute warm-up, after 10 more minutes, and its peak in between.",
            SoakAsync),
    ];

    private static async Task<IReadOnlyList<BenchRow>> PipelineOverheadAsync(BenchContext context, BenchOptions options)
    {
        var url = new Uri(context.Platform.Endpoint("metadata"), "/api/v2/platforms");
        using var http = new HttpClient();
        return await AgainstBareKestrelAsync(url, context.Platform.ProcessId("metadata"), await http.GetByteArrayAsync(url), "application/json; charset=utf-8", options,
            minimumRatio: 0.75);
    }

    private static async Task<IReadOnlyList<BenchRow>> DcpProxyAsync(BenchContext context, BenchOptions options)
    {
        var proxied = new Uri(context.Platform.ProxyEndpoint("metadata"), "/api/v2/platforms").ToString();
        var direct = new Uri(context.Platform.Endpoint("metadata"), "/api/v2/platforms").ToString();
        await Wrk.RunAsync(proxied, TimeSpan.FromSeconds(3), options.Connections);
        await Wrk.RunAsync(direct, TimeSpan.FromSeconds(3), options.Connections);
        var throughProxy = await Wrk.RunAsync(proxied, options.Duration, options.Connections);
        var own = await Wrk.RunAsync(direct, options.Duration, options.Connections);
        return
        [
            new("throughput", $"{throughProxy.RequestsPerSecond:N0} req/s", $"{own.RequestsPerSecond:N0} req/s", throughProxy.RequestsPerSecond / own.RequestsPerSecond, "", null),
            new("p50 latency", Ms(throughProxy.P50Ms), Ms(own.P50Ms), null, "", null),
            new("p99 latency", Ms(throughProxy.P99Ms), Ms(own.P99Ms), null, "", null),
            new("errors", throughProxy.Errors.ToString(CultureInfo.InvariantCulture), own.Errors.ToString(CultureInfo.InvariantCulture), null, "0", throughProxy.Errors == 0),
        ];
    }

    private static async Task<IReadOnlyList<BenchRow>> CachedMetadataAsync(BenchContext context, BenchOptions options)
    {
        var url = new Uri(context.Platform.Endpoint("metadata"), "/api/v2/videos/youtube/benchCached");
        using var http = new HttpClient();
        return await AgainstBareKestrelAsync(url, context.Platform.ProcessId("metadata"), await http.GetByteArrayAsync(url), "application/json; charset=utf-8", options,
            minimumRatio: 0.9);
    }

    private static async Task<IReadOnlyList<BenchRow>> VrchatRedirectAsync(BenchContext context, BenchOptions options)
    {
        var url = new Uri(context.Platform.Endpoint("legacy"), "/api/vrchat/stream?url=https://youtu.be/benchVrchat");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var first = await http.GetAsync(url);
        var location = first.Headers.Location?.ToString() ?? throw new InvalidOperationException($"legacy answered {(int)first.StatusCode}, not a redirect");
        return await AgainstBareKestrelAsync(url, context.Platform.ProcessId("legacy"), System.Text.Encoding.UTF8.GetBytes(location), "redirect", options,
            minimumRatio: 0.75);
    }

    private static async Task<IReadOnlyList<BenchRow>> ProxyThroughputAsync(BenchContext context, BenchOptions options)
    {
        var direct = new Uri(context.Cdn, "/videoplayback");
        var nginx = new Uri($"http://127.0.0.1:{context.Nginx.ProxyPort}/videoplayback");
        var ours = new Uri(context.Platform.Endpoint("streaming"), "/api/v2/stream/proxy/youtube/benchProxy0?quality=360p");
        var streamingPid = context.Platform.ProcessId("streaming");
        var (yarpPort, copyPort) = (TestSupport.FreePort.Next(), TestSupport.FreePort.Next());
        using var yarpForwarder = BareForwarder.Start("yarp", context.Cdn, yarpPort);
        using var copyForwarder = BareForwarder.Start("httpclient", context.Cdn, copyPort);
        try
        {
            var yarp = new Uri($"http://127.0.0.1:{yarpPort}/videoplayback");
            var copy = new Uri($"http://127.0.0.1:{copyPort}/videoplayback");
            await WaitUntilAnsweringAsync(yarp.ToString(), head: true);
            await WaitUntilAnsweringAsync(copy.ToString(), head: true);

            // Warm every path (and the service's buffer pools), then measure three interleaved rounds.
            foreach (var path in new[] { ours, nginx, yarp, copy, direct })
            {
                await DownloadAsync(path, 256L << 20);
            }
            var rounds = new List<ProxyRound>();
            var peaks = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                rounds.Add(new ProxyRound(await DownloadAsync(direct, null), await DownloadAsync(nginx, null), await DownloadAsync(yarp, null),
                    await DownloadAsync(copy, null), await DownloadAsync(ours, null)));
                peaks.Add(Machine.PeakMemoryMiB(streamingPid));
            }
            return ProxyRows(rounds, peaks, options);
        }
        finally
        {
            yarpForwarder.Kill();
            copyForwarder.Kill();
        }
    }

    private sealed record ProxyRound(double Direct, double Nginx, double Yarp, double HttpClientCopy, double Ours);

    private static IReadOnlyList<BenchRow> ProxyRows(List<ProxyRound> rounds, List<double> peaks, BenchOptions options)
    {
        var directRate = Median(rounds.Select(r => r.Direct).ToList());
        var nginxRate = Median(rounds.Select(r => r.Nginx).ToList());
        var yarpRate = Median(rounds.Select(r => r.Yarp).ToList());
        var copyRate = Median(rounds.Select(r => r.HttpClientCopy).ToList());
        var ourRate = Median(rounds.Select(r => r.Ours).ToList());
        var ratio = ourRate / nginxRate;
        // Flat means the peak does not keep rising as more gigabytes go through.
        var growth = peaks[^1] - peaks[0];
        return
        [
            new(options.Chunked ? "throughput (10 MiB upstream chunks) vs nginx reverse proxy" : "throughput vs nginx reverse proxy", Rate(ourRate), Rate(nginxRate), ratio, "≥ 90 % of nginx", ratio >= 0.9),
            new("throughput vs YARP IHttpForwarder on bare Kestrel", Rate(ourRate), Rate(yarpRate), ourRate / yarpRate, "", null),
            new("bare HttpClient copy (the proxy's mechanism alone) vs bare YARP IHttpForwarder", Rate(copyRate), Rate(yarpRate), copyRate / yarpRate, "", null),
            new("throughput vs direct from the CDN", Rate(ourRate), Rate(directRate), ourRate / directRate, "", null),
            new("peak RSS after the 1st and the 3rd GiB", $"{peaks[^1]:0} MiB (+{growth:0.0} MiB)", $"{peaks[0]:0} MiB", null, "flat: < 8 MiB more", growth < 8),
        ];
    }

    private static async Task<IReadOnlyList<BenchRow>> StampedeAsync(BenchContext context, BenchOptions options)
    {
        var id = $"stmp{DateTime.UtcNow:HHmmss}x"[..11];
        context.YouTube.Latency = TimeSpan.FromMilliseconds(300);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { Timeout = TimeSpan.FromMinutes(2) };
            var url = new Uri(context.Platform.Endpoint("metadata"), $"/api/v2/videos/youtube/{id}");
            var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async _ =>
            {
                using var response = await http.GetAsync(url);
                return (int)response.StatusCode;
            }));
            var calls = context.YouTube.CallsFor(id);
            return
            [
                new("extractions for 1,000 concurrent requests", calls.ToString(CultureInfo.InvariantCulture), "1", null, "exactly 1", calls == 1),
                new("answers 200", answers.Count(s => s == 200).ToString(CultureInfo.InvariantCulture), "1000", null, "1000", answers.All(s => s == 200)),
            ];
        }
        finally
        {
            context.YouTube.Latency = TimeSpan.Zero;
        }
    }

    private static readonly TimeSpan UpstreamRoundTrip = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Extractions made before the steady-state figures: enough for the JIT to have recompiled the
    /// extraction path with its optimising tier, as in a service that has been up for a while.
    /// </summary>
    private const int ColdWarmUp = 400;

    private static async Task<IReadOnlyList<BenchRow>> ColdExtractionAsync(BenchContext context, BenchOptions options)
    {
        try
        {
            // First the service as it starts: the extraction path still runs code the JIT compiled
            // quickly (tier 0), before it is recompiled with optimisations.
            context.YouTube.Latency = UpstreamRoundTrip;
            var first = await MeasureColdAsync(context, warmUp: 5, samples: 40);

            context.YouTube.Latency = TimeSpan.Zero;
            await MeasureColdAsync(context, warmUp: ColdWarmUp, samples: 0);
            // The optimised code is compiled in the background; a service is rarely this busy
            // without a pause (measured: without one, the figures below are those of tier 0).
            await Task.Delay(TimeSpan.FromSeconds(2));

            context.YouTube.Latency = UpstreamRoundTrip;
            var steady = await MeasureColdAsync(context, warmUp: 0);
            context.YouTube.Latency = TimeSpan.Zero;
            var instant = await MeasureColdAsync(context, warmUp: 0);
            var (busy, afterIdle) = await PostIdlePenaltyAsync(context);
            return
            [
                new("added latency, median (upstream 20 ms per call)", $"{steady.Overhead:0.00} ms", $"upstream alone {Median(steady.Upstream):0.00} ms", null, "< 2 ms", steady.Overhead < 2),
                new("cold request, median / p90 (upstream 20 ms per call)", $"{Median(steady.Service):0.00} ms / {Percentile(steady.Service, 0.9):0.00} ms", "", null, "", null),
                new("added latency, median (instant upstream: CPU time)", $"{instant.Overhead:0.00} ms", $"upstream alone {Median(instant.Upstream):0.00} ms", null, "", null),
                new("cold request, median / p90 (instant upstream)", $"{Median(instant.Service):0.00} ms / {Percentile(instant.Service, 0.9):0.00} ms", "", null, "", null),
                new("added latency, median, 40 extractions right after start (upstream 20 ms per call)", $"{first.Overhead:0.00} ms", $"upstream alone {Median(first.Upstream):0.00} ms", null, "", null),
                new("machine: parsing a player answer after 20 ms asleep, median", $"{afterIdle:0} µs", $"back to back {busy:0} µs", afterIdle / busy, "", null),
            ];
        }
        finally
        {
            context.YouTube.Latency = TimeSpan.Zero;
        }
    }

    /// <summary>
    /// Cold requests, each for a new id, against the upstream calls such an extraction makes, made
    /// directly to the fake as the extractor makes them (both player calls at once — the first
    /// client's and the muxed-only reel call — and the watch page beside them): the median of what
    /// the service adds, and both samples. The first <paramref name="warmUp"/> pairs are not kept.
    /// </summary>
    private static async Task<(double Overhead, List<double> Service, List<double> Upstream)> MeasureColdAsync(
        BenchContext context, int warmUp, int samples = 100)
    {
        using var http = new HttpClient();
        var metadata = context.Platform.Endpoint("metadata");
        var service = new List<double>();
        var upstream = new List<double>();
        for (var i = 0; i < warmUp + samples; i++)
        {
            var id = $"c{Interlocked.Increment(ref _coldIds):D6}{Random.Shared.Next(1000, 9999)}"[..11];
            var started = Stopwatch.GetTimestamp();
            (await http.GetAsync(new Uri(metadata, $"/api/v2/videos/youtube/{id}"))).EnsureSuccessStatusCode();
            var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            started = Stopwatch.GetTimestamp();
            await Task.WhenAll(
                PlayerCallAsync(http, context, id),
                DirectAsync(http, new Uri(context.YouTube.BaseUrl, "/youtubei/v1/reel/reel_item_watch?prettyPrint=false"),
                    new { playerRequest = new { videoId = id }, context = new { client = new { clientName = "ANDROID", clientVersion = "20.10.38" } } }),
                DirectAsync(http, new Uri(context.YouTube.BaseUrl, "/youtubei/v1/next?prettyPrint=false"),
                    new { videoId = id, context = new { client = new { clientName = "WEB", clientVersion = "2.20260101.00.00" } } }));
            var alone = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i >= warmUp)
            {
                service.Add(total);
                upstream.Add(alone);
            }
        }
        return samples == 0 ? (0, service, upstream) : (Median(service) - Median(upstream), service, upstream);
    }

    private static int _coldIds;

    /// <summary>
    /// What this machine charges for waking up: the same CPU work (parsing and walking a player
    /// answer) timed back to back and right after 20 ms asleep, as the service's work follows each
    /// upstream round trip. The first is the instant-upstream figure's world, the second the 20 ms one's.
    /// </summary>
    private static async Task<(double Busy, double AfterIdle)> PostIdlePenaltyAsync(BenchContext context)
    {
        using var http = new HttpClient();
        var json = await PlayerCallAsync(http, context, "cidle000000");
        double Work()
        {
            var started = Stopwatch.GetTimestamp();
            var formats = System.Text.Json.Nodes.JsonNode.Parse(json)?["streamingData"]?["adaptiveFormats"]?.AsArray() ?? [];
            var length = formats.Sum(f => f?["url"]?.GetValue<string>().Length ?? 0);
            GC.KeepAlive(length);
            return Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }
        for (var i = 0; i < 2000; i++)
        {
            Work();
        }
        var busy = new List<double>();
        var afterIdle = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            busy.Add(Work());
        }
        for (var i = 0; i < 200; i++)
        {
            await Task.Delay(UpstreamRoundTrip);
            afterIdle.Add(Work());
        }
        return (Median(busy), Median(afterIdle));
    }

    /// <summary>The first client's player call for <paramref name="id"/>, made directly to the fake: its answer.</summary>
    private static Task<byte[]> PlayerCallAsync(HttpClient http, BenchContext context, string id) =>
        DirectAsync(http, new Uri(context.YouTube.BaseUrl, "/youtubei/v1/player?prettyPrint=false"),
            new { videoId = id, context = new { client = new { clientName = "VISIONOS", clientVersion = "1.02" } } });

    private static async Task<byte[]> DirectAsync(HttpClient http, Uri url, object body)
    {
        using var response = await http.PostAsJsonAsync(url, body);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static readonly TimeSpan SoakWarmUp = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan SoakLength = TimeSpan.FromMinutes(10);

    private static async Task<IReadOnlyList<BenchRow>> SoakAsync(BenchContext context, BenchOptions options)
    {
        if (!options.Soak)
        {
            return [new("not run", "pass --soak (12 minutes)", "", null, "no errors, no memory growth", null)];
        }
        string[] services = ["metadata", "streaming", "legacy"];
        var pids = services.ToDictionary(s => s, context.Platform.ProcessId);
        var urls = new[]
        {
            new Uri(context.Platform.Endpoint("metadata"), "/api/v2/videos/youtube/benchCached"),
            new Uri(context.Platform.Endpoint("streaming"), "/api/v2/stream/youtube/benchVrchat?quality=720p"),
            new Uri(context.Platform.Endpoint("legacy"), "/api/vrchat/stream?url=https://youtu.be/benchVrchat"),
        };
        var perUrl = Math.Max(1, options.Connections / urls.Length);

        // Memory right after start says nothing: the first minutes fill pools, caches and JIT
        // tiers. The baseline is taken after a warm-up under the same load.
        var warmUp = await Task.WhenAll(urls.Select(u => Wrk.RunAsync(u.ToString(), SoakWarmUp, perUrl)));
        var baseline = services.ToDictionary(s => s, s => Machine.ResidentMemoryMiB(pids[s]));
        var peak = new Dictionary<string, double>(baseline);
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                foreach (var service in services)
                {
                    peak[service] = Math.Max(peak[service], Machine.ResidentMemoryMiB(pids[service]));
                }
                await Task.Delay(TimeSpan.FromSeconds(10), sampling.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        });
        var results = await Task.WhenAll(urls.Select(u => Wrk.RunAsync(u.ToString(), SoakLength, perUrl)));
        await sampling.CancelAsync();
        await sampler;
        var after = services.ToDictionary(s => s, s => Machine.ResidentMemoryMiB(pids[s]));

        var errors = results.Sum(r => r.Errors) + warmUp.Sum(r => r.Errors);
        var requests = (long)results.Sum(r => r.RequestsPerSecond * SoakLength.TotalSeconds);
        var rows = new List<BenchRow>
        {
            new("errors in 12 minutes", errors.ToString(CultureInfo.InvariantCulture), "0", null, "0", errors == 0),
            new("requests after the warm-up", requests.ToString("N0", CultureInfo.InvariantCulture), "", null, "", null),
        };
        foreach (var (url, result) in urls.Zip(warmUp.Zip(results, (w, r) => (w, r))))
        {
            if (result.w.Errors + result.r.Errors > 0)
            {
                rows.Add(new($"errors on {url.AbsolutePath}", $"{result.w.ErrorSummary} | {result.r.ErrorSummary}", "", null, "", null));
            }
        }
        foreach (var service in services)
        {
            // Growth is judged against the post-warm-up baseline: at most 10 % (and 8 MiB of GC slack).
            var grown = after[service] - baseline[service];
            rows.Add(new($"{service} RSS after warm-up → after 10 min (peak)",
                $"{baseline[service]:0} → {after[service]:0} MiB ({peak[service]:0})", "", null,
                "< 10 % growth", grown <= Math.Max(8, baseline[service] * 0.10)));
        }
        return rows;
    }

    /// <summary>
    /// Downloads a URL to nowhere with curl (a real client, outside this process) and returns
    /// bytes per second; optionally only the first <paramref name="limit"/> bytes.
    /// </summary>
    private static async Task<double> DownloadAsync(Uri url, long? limit)
    {
        var arguments = new List<string> { "-s", "-f", "-o", "/dev/null", "-w", "%{size_download} %{speed_download}" };
        if (limit is { } bytes)
        {
            arguments.AddRange(["-r", $"0-{bytes - 1}"]);
        }
        arguments.Add(url.ToString());
        string output;
        try
        {
            output = await TestSupport.Media.MediaFiles.RunAsync("curl", arguments, TimeSpan.FromMinutes(5));
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{url}: {ex.Message}", ex);
        }
        var parts = output.Trim().Split(' ');
        var size = long.Parse(parts[0], CultureInfo.InvariantCulture);
        if (size != (limit ?? size) || size == 0)
        {
            throw new InvalidOperationException($"{url} gave {size} bytes");
        }
        return double.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Loads <paramref name="url"/> and a bare Kestrel answering <paramref name="body"/>, in alternating rounds, and compares.</summary>
    internal static async Task<IReadOnlyList<BenchRow>> AgainstBareKestrelAsync(
        Uri url, int servicePid, byte[] body, string contentType, BenchOptions options, double? minimumRatio)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, body);
        var port = TestSupport.FreePort.Next();
        using var bare = BareKestrel.Start(file, contentType, port);
        try
        {
            var bareUrl = $"http://127.0.0.1:{port}/bytes";
            await WaitUntilAnsweringAsync(bareUrl, redirect: contentType == "redirect");

            // Warm both until their JIT has settled, then measure service and baseline in alternating
            // rounds, with the CPU time each process spent per request beside the throughput.
            var serviceRounds = await SteadyState.WarmUpAsync(url.ToString(), servicePid, options.Connections);
            var bareRounds = await SteadyState.WarmUpAsync(bareUrl, bare.Id, options.Connections);
            var (service, baseline, ratio) = await InterleavedAsync(url.ToString(), servicePid, bareUrl, bare.Id, options);

            return
            [
                new("throughput (median of the rounds' ratios)", $"{service.RequestsPerSecond:N0} req/s", $"{baseline.RequestsPerSecond:N0} req/s", ratio,
                    minimumRatio is { } min ? $"≥ {min:P0} of bare Kestrel" : "", minimumRatio is { } m ? ratio >= m : null),
                new("CPU time per request (the process's own)", Us(service.CpuMicroseconds), Us(baseline.CpuMicroseconds), null, "", null),
                new("p50 latency (median of the rounds)", Ms(service.P50Ms), Ms(baseline.P50Ms), null, "", null),
                new("p99 latency (median of the rounds)", Ms(service.P99Ms), Ms(baseline.P99Ms), null, "", null),
                new("warm-up (3 s rounds until the JIT settled)", $"{serviceRounds}", $"{bareRounds}", null, "", null),
                new("errors", service.Errors.ToString(CultureInfo.InvariantCulture), baseline.Errors.ToString(CultureInfo.InvariantCulture), null, "0", service.Errors == 0),
            ];
        }
        finally
        {
            bare.Kill();
            File.Delete(file);
        }
    }

    /// <summary>What one side did over all its rounds; latencies are the median of its rounds'.</summary>
    private sealed record SideResult(double RequestsPerSecond, double CpuMicroseconds, double P50Ms, double P99Ms, long Errors);

    private const int InterleavedRounds = 3;

    /// <summary>
    /// Loads the service and the baseline in <see cref="InterleavedRounds"/> pairs of rounds (the
    /// duration split between them), each pair in the other order than the last: load that comes and
    /// goes on a shared machine falls on both sides alike, and the median of the pairs' ratios is not
    /// moved by one unlucky round. A single run each, back to back, swung by 30 points between runs.
    /// </summary>
    private static async Task<(SideResult Service, SideResult Baseline, double Ratio)> InterleavedAsync(
        string serviceUrl, int servicePid, string baselineUrl, int baselinePid, BenchOptions options)
    {
        var round = options.Duration / InterleavedRounds;
        var service = new List<(LoadResult Load, long Ticks)>();
        var baseline = new List<(LoadResult Load, long Ticks)>();
        var ratios = new List<double>();
        for (var i = 0; i < InterleavedRounds; i++)
        {
            (LoadResult Load, long Ticks) s, b;
            if (i % 2 == 0)
            {
                s = await MeasureAsync(serviceUrl, servicePid, round, options);
                b = await MeasureAsync(baselineUrl, baselinePid, round, options);
            }
            else
            {
                b = await MeasureAsync(baselineUrl, baselinePid, round, options);
                s = await MeasureAsync(serviceUrl, servicePid, round, options);
            }
            service.Add(s);
            baseline.Add(b);
            ratios.Add(s.Load.RequestsPerSecond / b.Load.RequestsPerSecond);
        }
        return (Summarise(service, round * InterleavedRounds), Summarise(baseline, round * InterleavedRounds), Median(ratios));
    }

    private static SideResult Summarise(List<(LoadResult Load, long Ticks)> rounds, TimeSpan duration)
    {
        var requests = rounds.Sum(r => r.Load.Requests);
        return new SideResult(requests / duration.TotalSeconds, requests > 0 ? rounds.Sum(r => r.Ticks) * 10_000.0 / requests : double.NaN,
            Median([.. rounds.Select(r => r.Load.P50Ms)]), Median([.. rounds.Select(r => r.Load.P99Ms)]), rounds.Sum(r => r.Load.Errors));
    }

    /// <summary>One load run, and the CPU time (clock ticks) <paramref name="pid"/> spent in it.</summary>
    private static async Task<(LoadResult Load, long Ticks)> MeasureAsync(string url, int pid, TimeSpan duration, BenchOptions options)
    {
        var before = Machine.CpuTicks(pid);
        var load = await Wrk.RunAsync(url, duration, options.Connections);
        return (load, Machine.CpuTicks(pid) - before);
    }

    private static string Us(double value) => $"{value.ToString("0.0", CultureInfo.InvariantCulture)} µs";

    internal static async Task WaitUntilAnsweringAsync(string url, bool head = false, bool redirect = false)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        await TestSupport.Wait.UntilAsync($"{url} to answer", async cancellationToken =>
        {
            try
            {
                using var request = new HttpRequestMessage(head ? HttpMethod.Head : HttpMethod.Get, url);
                using var response = await http.SendAsync(request, cancellationToken);
                return $"{(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                return ex.Message;
            }
        }, answer => answer.StartsWith('2') || (redirect && answer == "302"));
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }

    private static string Rate(double bytesPerSecond) => $"{bytesPerSecond / (1 << 20):N0} MiB/s";

    private static string Ms(double value) => $"{value.ToString("0.00", CultureInfo.InvariantCulture)} ms";
}
