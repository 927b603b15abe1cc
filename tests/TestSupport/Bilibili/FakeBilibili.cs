using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace VideoPlatform.TestSupport.Bilibili;

/// <summary>
/// BiliBili's web API on loopback from the fixtures in <c>Fixtures/Bilibili</c>. It refuses what the
/// real API's risk control refuses (<see cref="BilibiliRiskControl"/>): HTTP 412 to a call without a
/// current browser's User-Agent, Origin and Referer, or to a play-URL call without the player's
/// fingerprint; <c>-352</c> with a <c>v_voucher</c> to a signed call without guest cookies or with
/// a wrong WBI signature (the keys rotate: <see cref="RotateKeys"/>). Guests asking without
/// <c>try_look=1</c> get nothing above 480P.
/// </summary>
public sealed class FakeBilibili : IAsyncDisposable
{
    private static readonly string Fixtures = FixtureFiles.PathOf("Bilibili");
    private readonly LoopbackServer _server;
    private readonly BilibiliRiskControl _riskControl;

    private FakeBilibili(LoopbackServer server, Uri cdn, BilibiliRiskControl riskControl)
    {
        _server = server;
        Cdn = cdn;
        _riskControl = riskControl;
    }

    /// <summary>The risk control's state: the signing keys in force, and whether every call is refused.</summary>
    public BilibiliRiskControl RiskControl => _riskControl;

    /// <summary>BiliBili rotates its WBI keys: nav hands out new ones and calls signed with the old are refused.</summary>
    public void RotateKeys() => _riskControl.Rotate();

    public Uri ApiBaseUrl => _server.Address;

    /// <summary>The fake b23.tv (the same server: short codes do not collide with API paths).</summary>
    public Uri ShortLinkBaseUrl => _server.Address;

    /// <summary>Where each fake b23.tv code redirects; any other code is a 404.</summary>
    public static IReadOnlyDictionary<string, string> ShortLinks { get; } = new Dictionary<string, string>
    {
        ["xvS2Xb1"] = "https://www.bilibili.com/video/BV1GJ411x7h7?p=2&share_medium=android&share_source=copy_link&ts=1700000000",
        ["av17x4Q"] = "https://m.bilibili.com/video/av170001",
        ["offsite1"] = "https://evil.example/video/BV17x411w7KC",
        ["home1234"] = "https://www.bilibili.com/",
        ["loop1234"] = "https://b23.tv/xvS2Xb1",
        ["epLink01"] = "https://m.bilibili.com/bangumi/play/ep330798?share_source=copy_link",
    };

    public Uri Cdn { get; }

    public ConcurrentQueue<string> Requests => _server.Requests;

    /// <summary>The requests for content, without those that fetched a guest identity (buvids, ticket) first.</summary>
    public IReadOnlyList<string> ContentRequests =>
        Requests.Where(r => !r.StartsWith("GET /x/frontend/finger/spi", StringComparison.Ordinal) && !r.StartsWith("POST /bapis/bilibili.api.ticket.v1.Ticket/", StringComparison.Ordinal)).ToList();

    public static async Task<FakeBilibili> StartAsync(Uri? cdn = null)
    {
        var cdnUrl = cdn ?? new Uri("https://upos-sz-mirrorcos.bilivideo.com");
        var risk = new BilibiliRiskControl();
        var server = await LoopbackServer.StartAsync(routes =>
        {
            ((IApplicationBuilder)routes).Use(risk.RefuseAsync);
            // b23.tv answers a share link with a 302 to the page it stands for.
            routes.MapMethods("/{code}", ["GET", "HEAD"], (string code) =>
                ShortLinks.TryGetValue(code, out var target) ? Results.Redirect(target) : Results.NotFound());
            routes.MapGet("/x/web-interface/nav", () => Results.Text(risk.Nav(FixtureText("nav.json", cdnUrl, null)), "application/json"));
            routes.MapGet("/x/frontend/finger/spi", () => Fixture("finger-spi.json", cdnUrl));
            routes.MapPost("/bapis/bilibili.api.ticket.v1.Ticket/GenWebTicket", (HttpRequest request) => risk.Ticket(request, FixtureText("gen-web-ticket.json", cdnUrl, null)));
            routes.MapGet("/x/web-interface/view", (HttpRequest request) =>
            {
                var bvid = request.Query["bvid"].ToString();
                return bvid switch
                {
                    "BV17x411w7KC" or "BV1GJ411x7h7" or "BV1L9Uoa9EUx" or "BV1rp4y1e745" or "BV1pR6UB3ENW" => Fixture($"view-{bvid}.json", cdnUrl),
                    "BV1Ru411d7Rw" => Fixture("view-region.json", cdnUrl),
                    "BV1Sx411c77M" => Fixture("view-bangumi.json", cdnUrl),
                    "BV1Lg411c7Qx" => Results.Text("""{"code":-403,"message":"访问权限不足","ttl":1}""", "application/json"),
                    _ => Fixture("view-removed.json", cdnUrl),
                };
            });
            routes.MapGet("/x/polymer/web-space/seasons_archives_list", (HttpRequest request) =>
                request.Query["season_id"] == "4800" && request.Query["mid"] == "37737161"
                    ? SeasonPage(int.Parse(request.Query["page_num"].ToString(), CultureInfo.InvariantCulture), int.Parse(request.Query["page_size"].ToString(), CultureInfo.InvariantCulture))
                    : Results.Text("""{"code":-404,"message":"啥都木有","ttl":1}""", "application/json"));
            routes.MapGet("/x/player/wbi/v2", (HttpRequest request) =>
                request.Query["bvid"] != "BV17x411w7KC" ? Fixture("player-v2-none.json", cdnUrl, request)
                    : LoggedIn(request) ? Fixture("player-v2-BV17x411w7KC.json", cdnUrl, request)
                    : WithoutAiSubtitles(FixtureText("player-v2-BV17x411w7KC.json", cdnUrl, request)));
            routes.MapGet("/bfs/subtitle/zh-CN.json", (HttpRequest request) => Fixture("subtitle-zh-CN.json", cdnUrl, request));
            routes.MapGet("/bfs/ai_subtitle/prod/ai-zh.json", (HttpRequest request) =>
                request.Query["auth_key"] == "1700003600-abc-0-def" ? Fixture("subtitle-ai-zh.json", cdnUrl, request) : Results.StatusCode(403));
            // Bangumi: season 28747 (two free episodes, one for members, one paid with a preview) and
            // the region-locked season 39000; anything else is BiliBili's -404.
            routes.MapGet("/pgc/view/web/season", (HttpRequest request) =>
                (request.Query["ep_id"].ToString(), request.Query["season_id"].ToString()) switch
                {
                    ("330798" or "330799" or "330800" or "330801", _) or (_, "28747") => Fixture("pgc-season-ss28747.json", cdnUrl),
                    ("400001", _) or (_, "39000") => Fixture("pgc-season-ss39000.json", cdnUrl),
                    _ => Results.Text("""{"code":-404,"message":"啥都木有","ttl":1}""", "application/json"),
                });
            routes.MapGet("/pgc/player/web/playurl", (HttpRequest request) =>
                request.Query["ep_id"].ToString() switch
                {
                    "330798" or "330799" => Fixture("pgc-playurl.json", cdnUrl),
                    "330800" => Fixture("pgc-playurl-vip.json", cdnUrl),
                    "330801" => Fixture("pgc-playurl-preview.json", cdnUrl),
                    "400001" => Fixture("pgc-playurl-area.json", cdnUrl),
                    _ => Results.Text("""{"code":-404,"message":"啥都木有"}""", "application/json"),
                });
            routes.MapGet("/x/player/wbi/playurl", (HttpRequest request) =>
            {
                if (request.Query["platform"] == "html5")
                {
                    return Fixture("playurl-html5.json", cdnUrl);
                }
                var answer = request.Query["bvid"].ToString() switch
                {
                    "BV1rp4y1e745" => FixtureText("playurl-BV1rp4y1e745.json", cdnUrl, null),
                    "BV1pR6UB3ENW" => Dubbed(FixtureText("playurl-ai-dub-BV1pR6UB3ENW.json", cdnUrl, null), request.Query["cur_language"].ToString()),
                    _ => FixtureText("playurl-dash.json", cdnUrl, null),
                };
                return Results.Text(LoggedIn(request) || request.Query["try_look"] == "1" ? answer : GuestQualities(answer), "application/json");
            });
        });
        return new FakeBilibili(server, cdnUrl, risk);
    }

    /// <summary>
    /// The recorded answer with English AI dubbing, as it would come for <paramref name="language"/>:
    /// its <c>cur_language</c> set to it and its audio addresses marked with it (BiliBili gives each
    /// language's audio a path of its own), or left unmarked for the original audio.
    /// </summary>
    private static string Dubbed(string fixture, string language)
    {
        var body = JsonNode.Parse(fixture)!;
        var data = body["data"]!;
        data["cur_language"] = language;
        if (language.Length > 0)
        {
            foreach (var audio in data["dash"]!["audio"]!.AsArray())
            {
                audio!["baseUrl"] = $"{audio["baseUrl"]!.GetValue<string>()}&lang={language}";
                audio["base_url"] = audio["baseUrl"]!.GetValue<string>();
            }
        }
        return body.ToJsonString();
    }

    /// <summary>What a guest gets without <c>try_look=1</c>: nothing above 480P (qn 32).</summary>
    private static string GuestQualities(string fixture)
    {
        var body = JsonNode.Parse(fixture)!;
        if (body["data"]?["dash"]?["video"] is JsonArray videos)
        {
            foreach (var high in videos.Where(v => v!["id"]!.GetValue<int>() > 32).ToList())
            {
                videos.Remove(high);
            }
        }
        return body.ToJsonString();
    }

    /// <summary>The session cookie tests configure; BiliBili lists AI subtitles only to a logged-in session.</summary>
    public const string SessionCookie = "SESSDATA=f00dcafe%2C1900000000%2Cabcd1*21";

    internal static bool LoggedIn(HttpRequest request) => request.Headers.Cookie.ToString().Contains(SessionCookie, StringComparison.Ordinal);

    private static IResult WithoutAiSubtitles(string fixture)
    {
        var body = JsonNode.Parse(fixture)!;
        var subtitles = body["data"]!["subtitle"]!["subtitles"]!.AsArray();
        foreach (var ai in subtitles.Where(s => s!["lan"]!.GetValue<string>().StartsWith("ai-", StringComparison.Ordinal)).ToList())
        {
            subtitles.Remove(ai);
        }
        body["data"]!["need_login_subtitle"] = true;
        return Results.Text(body.ToJsonString(), "application/json");
    }

    /// <summary>One page of the 35-video collection, cut from its fixture as the API pages it.</summary>
    private static IResult SeasonPage(int page, int size)
    {
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures, "seasons-archives-4800.json")))!;
        var data = body["data"]!;
        var archives = data["archives"]!.AsArray().Select(a => a!.DeepClone()).Skip((page - 1) * size).Take(size).ToArray();
        data["archives"] = new JsonArray(archives);
        data["aids"] = new JsonArray(archives.Select(a => (JsonNode)JsonValue.Create(a["aid"]!.GetValue<long>())).ToArray());
        data["page"] = new JsonObject { ["page_num"] = page, ["page_size"] = size, ["total"] = 35 };
        return Results.Text(body.ToJsonString(), "application/json");
    }

    /// <summary>A fixture with <c>{cdn}</c> made the media host, <c>{expire}</c> a deadline ahead and <c>{api}</c> this fake's own address.</summary>
    private static IResult Fixture(string name, Uri cdn, HttpRequest? request = null) =>
        Results.Text(FixtureText(name, cdn, request), "application/json");

    private static string FixtureText(string name, Uri cdn, HttpRequest? request) =>
        FixtureTemplate.Apply(File.ReadAllText(Path.Combine(Fixtures, name)), cdn)
            .Replace("{api}", request is null ? "" : $"{request.Scheme}://{request.Host}", StringComparison.Ordinal);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
