using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace VideoPlatform.TestSupport.YouTube;

/// <summary>
/// YouTube's InnerTube player endpoints on loopback, answering from the fixtures in
/// <c>Fixtures/YouTube</c>: <c>{CLIENTNAME}-{id}.json</c> for one client, else <c>player-{id}.json</c>
/// for any, <c>reel-{id}.json</c> for <c>reel_item_watch</c>, else an <c>ERROR</c> playability.
/// Media URLs point at <see cref="CdnUrl"/>. Counts every call, and can answer slowly. Serves a
/// player (<c>/iframe_api</c> naming <see cref="PlayerVersion"/>, and its base.js,
/// <see cref="PlayerScript"/>) for the clients whose URLs must be deciphered.
/// </summary>
public sealed class FakeYouTube : IAsyncDisposable
{
    private static readonly string Fixtures = FixtureFiles.PathOf("YouTube");
    private readonly LoopbackServer _server;

    private FakeYouTube(LoopbackServer server, Uri cdn)
    {
        _server = server;
        CdnUrl = cdn;
    }

    public Uri BaseUrl => _server.Address;

    public Uri CdnUrl { get; }

    /// <summary>
    /// When the fixtures' stream URLs expire (their <c>{expire}</c>, see <see cref="FixtureTemplate"/>):
    /// six hours ahead, as YouTube's do, so that cached formats are never already stale.
    /// </summary>
    public DateTimeOffset StreamUrlsExpireAt => FixtureTemplate.ExpiresAt;

    /// <summary>Every player call as (client name, video id), in arrival order.</summary>
    public ConcurrentQueue<(string Client, string VideoId)> Calls { get; } = new();

    /// <summary>Added before each answer, to widen the window in which concurrent requests overlap.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The most player calls that were being answered at one time.</summary>
    public int MostPlayerCallsAtOnce => _mostAtOnce;

    private int _atOnce;
    private int _mostAtOnce;

    /// <summary>The player version <c>/iframe_api</c> names.</summary>
    public string PlayerVersion { get; set; } = RealPlayers.Default;

    /// <summary>
    /// The main build (base.js) served for <see cref="PlayerVersion"/>: by default a real 2026 player
    /// (<see cref="RealPlayers"/>). Null answers 404, as for a build YouTube does not serve.
    /// </summary>
    public string? PlayerScript { get; set; } = RealPlayers.Script(RealPlayers.Default);

    private string? PlayerBuild(string path) =>
        path == "player_ias.vflset/en_US/base.js" ? PlayerScript : OtherPlayerBuilds.GetValueOrDefault(path);

    /// <summary>Other builds of <see cref="PlayerVersion"/> by path (<c>player_es6.vflset/en_US/base.js</c>…); none by default.</summary>
    public ConcurrentDictionary<string, string> OtherPlayerBuilds { get; } = new();

    /// <summary>Every request the fake received, as <c>METHOD /path?query</c>.</summary>
    public IEnumerable<string> Requests => _server.Requests;

    /// <summary>The <c>signatureTimestamp</c> each player call carried (null when none), by client.</summary>
    public ConcurrentQueue<(string Client, int? SignatureTimestamp)> SignatureTimestamps { get; } = new();

    /// <summary>Every player call as the client sent it (context, headers, PO token), in arrival order.</summary>
    public ConcurrentQueue<PlayerRequest> PlayerRequests { get; } = new();

    /// <summary>The clients that asked <c>/youtubei/v1/visitor_id</c>, in arrival order.</summary>
    public ConcurrentQueue<string> VisitorIdCalls { get; } = new();

    /// <summary>While set, <c>visitor_id</c> answers 500.</summary>
    public bool FailVisitorId { get; set; }

    /// <summary>Every search call as (query, params, continuation), in arrival order.</summary>
    public ConcurrentQueue<(string? Query, string? Params, string? Continuation)> Searches { get; } = new();

    /// <summary>Every URL given to <c>navigation/resolve_url</c>, in arrival order.</summary>
    public ConcurrentQueue<string> ResolvedUrls { get; } = new();

    /// <summary>Every <c>next</c> (watch page) call by video id, in arrival order.</summary>
    public ConcurrentQueue<string> WatchNextCalls { get; } = new();

    /// <summary>Every WEB player call for the microformat alone (<c>$fields</c>), by video id, in arrival order.</summary>
    public ConcurrentQueue<string> MicroformatCalls { get; } = new();

    /// <summary>While set, <c>next</c> answers 500.</summary>
    public bool FailWatchNext { get; set; }

    /// <summary>
    /// Player calls for <paramref name="videoId"/> by full clients: how many times it was extracted.
    /// The muxed-only <c>reel</c> call, asked alongside the first and sometimes cancelled before it
    /// arrives, is not counted.
    /// </summary>
    public int CallsFor(string videoId) => Calls.Count(c => c.VideoId == videoId && c.Client != "reel");

    /// <summary>
    /// When set, an id with no fixture of its own is answered with this video's fixtures (player
    /// and, when it has one, reel), its id replaced: any number of distinct uncached videos, for benchmarks.
    /// </summary>
    public string? AnyIdLike { get; set; }

    public static async Task<FakeYouTube> StartAsync(Uri? cdn = null)
    {
        FakeYouTube? fake = null;
        var server = await LoopbackServer.StartAsync(routes =>
        {
            // A WEB call asking for the microformat alone (as NewPipe makes it): WEB-microformat-{id}.json, else none.
            routes.MapPost("/youtubei/v1/player", (HttpRequest request) => request.Query.ContainsKey("$fields")
                ? fake!.MicroformatAsync(request)
                : fake!.AnswerAsync(request, reel: false));
            routes.MapPost("/youtubei/v1/reel/reel_item_watch", (HttpRequest request) => fake!.AnswerAsync(request, reel: true));
            // visitor_id.json: a real recorded answer (responseContext.visitorData).
            routes.MapPost("/youtubei/v1/visitor_id", async (HttpRequest request) =>
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                fake!.VisitorIdCalls.Enqueue(body.RootElement.GetProperty("context").GetProperty("client").GetProperty("clientName").GetString() ?? "");
                return fake.FailVisitorId
                    ? Results.StatusCode(500)
                    : Results.Text(await File.ReadAllTextAsync(Path.Combine(Fixtures, "visitor_id.json")), "application/json");
            });
            routes.MapPost("/youtubei/v1/browse", async (HttpRequest request) =>
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                // browse-{browseId}.json; a channel's Videos tab (its params) browse-{channelId}-videos.json.
                var name = body.RootElement.TryGetProperty("continuation", out var token) ? $"browse-cont-{token.GetString()}.json"
                    : body.RootElement.TryGetProperty("params", out var tab) && tab.GetString() == "EgZ2aWRlb3PyBgQKAjoA"
                        ? $"browse-{body.RootElement.GetProperty("browseId").GetString()}-videos.json"
                        : $"browse-{body.RootElement.GetProperty("browseId").GetString()}.json";
                var file = Path.Combine(Fixtures, Path.GetFileName(name));
                return File.Exists(file)
                    ? Results.Text(await File.ReadAllTextAsync(file), "application/json")
                    : Results.Text("""{"alerts":[{"alertRenderer":{"type":"ERROR","text":{"runs":[{"text":"The playlist does not exist."}]}}}]}""", "application/json");
            });
            // search-{type}-{query as a slug}.json for a first page, search-cont-{token}.json after.
            routes.MapPost("/youtubei/v1/search", async (HttpRequest request) =>
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                var root = body.RootElement;
                string? Read(string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
                fake!.Searches.Enqueue((Read("query"), Read("params"), Read("continuation")));
                var type = Read("params") switch { "EgIQAQ%3D%3D" => "video", "EgIQAw%3D%3D" => "playlist", "EgIQAg%3D%3D" => "channel", _ => "all" };
                var name = Read("continuation") is { } token ? $"search-cont-{token}.json"
                    : $"search-{type}-{string.Join('-', (Read("query") ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))}.json";
                var file = Path.Combine(Fixtures, Path.GetFileName(name));
                return File.Exists(file)
                    ? Results.Text(await File.ReadAllTextAsync(file), "application/json")
                    : Results.Text("""{"estimatedResults":"0","contents":{"twoColumnSearchResultsRenderer":{"primaryContents":{"sectionListRenderer":{"contents":[{"itemSectionRenderer":{"contents":[{"backgroundPromoRenderer":{"title":{"runs":[{"text":"No results found"}]}}}]}}]}}}}}""", "application/json");
            });
            // resolve_url-{path with / as -}.json (resolve_url-@handle.json, resolve_url-user-name.json), else YouTube's recorded 404 NOT_FOUND.
            routes.MapPost("/youtubei/v1/navigation/resolve_url", async (HttpRequest request) =>
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                var url = new Uri(body.RootElement.GetProperty("url").GetString()!);
                fake!.ResolvedUrls.Enqueue(url.ToString());
                var file = Path.Combine(Fixtures, Path.GetFileName($"resolve_url-{url.AbsolutePath.Trim('/').Replace('/', '-')}.json"));
                return Results.Text(await File.ReadAllTextAsync(File.Exists(file) ? file : Path.Combine(Fixtures, "resolve_url-404.json")), "application/json",
                    statusCode: File.Exists(file) ? 200 : 404);
            });
            // next-{id}.json, else a watch page without likes; 500 while FailWatchNext is set.
            routes.MapPost("/youtubei/v1/next", async (HttpRequest request) =>
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                var root = body.RootElement;
                var videoId = root.TryGetProperty("videoId", out var video) ? video.GetString() ?? "" : "";
                fake!.WatchNextCalls.Enqueue(videoId);
                if (fake.FailWatchNext)
                {
                    return Results.StatusCode(500);
                }
                // A playlist's panel (mixes): next-{playlistId}.json first, next-{playlistId}-{videoId}.json for a later page.
                var name = root.TryGetProperty("playlistId", out var list)
                    ? root.TryGetProperty("playlistIndex", out _) ? $"next-{list.GetString()}-{videoId}.json" : $"next-{list.GetString()}.json"
                    : $"next-{videoId}.json";
                var file = Path.Combine(Fixtures, Path.GetFileName(name));
                return File.Exists(file)
                    ? Results.Text(await File.ReadAllTextAsync(file), "application/json")
                    : Results.Text("""{"contents":{"twoColumnWatchNextResults":{"results":{"results":{"contents":[]}}}}}""", "application/json");
            });
            // The widget API names the player as real YouTube does, with escaped slashes.
            routes.MapGet("/iframe_api", () => Results.Text(
                $"var scriptUrl = 'https:\\/\\/www.youtube.com\\/s\\/player\\/{fake!.PlayerVersion}\\/www-widgetapi.vflset\\/www-widgetapi.js';try{{var ttPolicy=window.trustedTypes.createPolicy(\"youtube-widget-api\",{{createScriptURL:function(x){{return x}}}});scriptUrl=ttPolicy.createScriptURL(scriptUrl)}}catch(e){{}}",
                "text/javascript"));
            routes.MapGet("/s/player/{version}/{**build}", (string version, string build) =>
                (version == fake!.PlayerVersion ? fake.PlayerBuild(build) : null) is { } script
                    ? Results.Text(script, "text/javascript")
                    : Results.NotFound());
            // timedtext-{lang}.json3, or timedtext-{lang}-{tlang}.json3 for a machine translation.
            routes.MapGet("/api/timedtext", (HttpRequest request) =>
            {
                var name = Path.GetFileName(request.Query.ContainsKey("tlang")
                    ? $"timedtext-{request.Query["lang"]}-{request.Query["tlang"]}.json3"
                    : $"timedtext-{request.Query["lang"]}.json3");
                return request.Query["fmt"] == "json3" && File.Exists(Path.Combine(Fixtures, name))
                    ? Results.Text(File.ReadAllText(Path.Combine(Fixtures, name)), "application/json")
                    : Results.NotFound();
            });
        });
        // Without a CDN of its own, the fake is its own CDN (it serves captions at YouTube's path).
        fake = new FakeYouTube(server, cdn ?? server.Address);
        return fake;
    }

    private async Task<IResult> MicroformatAsync(HttpRequest request)
    {
        using var body = await JsonDocument.ParseAsync(request.Body);
        var videoId = body.RootElement.GetProperty("videoId").GetString() ?? "";
        MicroformatCalls.Enqueue(videoId);
        var file = Path.Combine(Fixtures, Path.GetFileName($"WEB-microformat-{videoId}.json"));
        return File.Exists(file)
            ? Results.Text(await File.ReadAllTextAsync(file), "application/json")
            : Results.Json(new { videoDetails = new { videoId } });
    }

    private async Task<IResult> AnswerAsync(HttpRequest request, bool reel)
    {
        using var body = await JsonDocument.ParseAsync(request.Body);
        var root = body.RootElement;
        var videoId = (reel ? root.GetProperty("playerRequest") : root).GetProperty("videoId").GetString() ?? "";
        var client = root.GetProperty("context").GetProperty("client").GetProperty("clientName").GetString() ?? "";
        Calls.Enqueue((reel ? "reel" : client, videoId));
        PlayerRequests.Enqueue(PlayerRequest.Read(root, reel, request.Headers["X-Goog-Visitor-Id"].ToString()));
        SignatureTimestamps.Enqueue((client, root.TryGetProperty("playbackContext", out var playback)
            ? playback.GetProperty("contentPlaybackContext").GetProperty("signatureTimestamp").GetInt32()
            : null));
        var atOnce = Interlocked.Increment(ref _atOnce);
        int most;
        while (atOnce > (most = _mostAtOnce) && Interlocked.CompareExchange(ref _mostAtOnce, atOnce, most) != most)
        {
        }
        try
        {
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _atOnce);
        }

        var candidates = reel ? new[] { $"reel-{videoId}.json" } : [$"{client}-{videoId}.json", $"player-{videoId}.json"];
        var file = candidates.Select(name => Path.Combine(Fixtures, name)).FirstOrDefault(File.Exists);
        if (file is null && AnyIdLike is { } template
            && Path.Combine(Fixtures, reel ? $"reel-{template}.json" : $"player-{template}.json") is var model && File.Exists(model))
        {
            var templated = FixtureTemplate.Apply(
                (await File.ReadAllTextAsync(model)).Replace(template, videoId, StringComparison.Ordinal),
                CdnUrl);
            return Results.Text(templated, "application/json");
        }
        var json = file is null
            ? reel
                ? """{"playerResponse":{"playabilityStatus":{"status":"ERROR","reason":"This video is unavailable"}}}"""
                : """{"playabilityStatus":{"status":"ERROR","reason":"This video is unavailable"}}"""
            : FixtureTemplate.Apply(await File.ReadAllTextAsync(file), CdnUrl);
        return Results.Text(json, "application/json");
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
