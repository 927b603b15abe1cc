using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace VideoPlatform.TestSupport.Bilibili;

/// <summary>
/// BiliBili's web API on loopback from the fixtures in <c>Fixtures/Bilibili</c>. It checks what the
/// real API checks: a browser User-Agent and Referer, and a valid WBI signature on the play-URL
/// API (an unsigned or wrongly signed request gets <c>v_voucher</c>, as BiliBili answers it).
/// </summary>
public sealed class FakeBilibili : IAsyncDisposable
{
    private const string MixinKey = "ea1db124af3c7062474693fa704f4ff8";
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Bilibili");
    private readonly LoopbackServer _server;

    private FakeBilibili(LoopbackServer server, Uri cdn)
    {
        _server = server;
        Cdn = cdn;
    }

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

    public static async Task<FakeBilibili> StartAsync(Uri? cdn = null)
    {
        var cdnUrl = cdn ?? new Uri("https://upos-sz-mirrorcos.bilivideo.com");
        var server = await LoopbackServer.StartAsync(routes =>
        {
            // b23.tv answers a share link with a 302 to the page it stands for.
            routes.MapMethods("/{code}", ["GET", "HEAD"], (string code) =>
                ShortLinks.TryGetValue(code, out var target) ? Results.Redirect(target) : Results.NotFound());
            routes.MapGet("/x/web-interface/nav", () => Fixture("nav.json", cdnUrl));
            routes.MapGet("/x/web-interface/view", (HttpRequest request) =>
            {
                if (!Browser(request))
                {
                    return Results.Text("""{"code":-412,"message":"请求被拦截"}""", "application/json");
                }
                var bvid = request.Query["bvid"].ToString();
                return bvid switch
                {
                    "BV17x411w7KC" or "BV1GJ411x7h7" or "BV1L9Uoa9EUx" => Fixture($"view-{bvid}.json", cdnUrl),
                    "BV1Ru411d7Rw" => Fixture("view-region.json", cdnUrl),
                    "BV1Sx411c77M" => Fixture("view-bangumi.json", cdnUrl),
                    "BV1Lg411c7Qx" => Results.Text("""{"code":-403,"message":"访问权限不足","ttl":1}""", "application/json"),
                    _ => Fixture("view-removed.json", cdnUrl),
                };
            });
            routes.MapGet("/x/polymer/web-space/seasons_archives_list", (HttpRequest request) =>
                !Browser(request) ? Results.Text("""{"code":-412,"message":"请求被拦截"}""", "application/json")
                : request.Query["season_id"] == "4800" && request.Query["mid"] == "37737161"
                    ? SeasonPage(int.Parse(request.Query["page_num"].ToString(), CultureInfo.InvariantCulture), int.Parse(request.Query["page_size"].ToString(), CultureInfo.InvariantCulture))
                    : Results.Text("""{"code":-404,"message":"啥都木有","ttl":1}""", "application/json"));
            routes.MapGet("/x/player/wbi/v2", (HttpRequest request) =>
                !Browser(request) || !SignedCorrectly(request.QueryString.Value ?? "")
                    ? Results.Text("""{"code":0,"message":"0","data":{"v_voucher":"voucher_abc"}}""", "application/json")
                    : request.Query["bvid"] != "BV17x411w7KC" ? Fixture("player-v2-none.json", cdnUrl, request)
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
                !Browser(request) ? Results.Text("""{"code":-412,"message":"请求被拦截"}""", "application/json")
                : request.Query["ep_id"].ToString() switch
                {
                    "330798" or "330799" => Fixture("pgc-playurl.json", cdnUrl),
                    "330800" => Fixture("pgc-playurl-vip.json", cdnUrl),
                    "330801" => Fixture("pgc-playurl-preview.json", cdnUrl),
                    "400001" => Fixture("pgc-playurl-area.json", cdnUrl),
                    _ => Results.Text("""{"code":-404,"message":"啥都木有"}""", "application/json"),
                });
            routes.MapGet("/x/player/wbi/playurl", (HttpRequest request) =>
            {
                if (!Browser(request) || !SignedCorrectly(request.QueryString.Value ?? ""))
                {
                    return Results.Text("""{"code":0,"message":"0","data":{"v_voucher":"voucher_abc"}}""", "application/json");
                }
                return Fixture(request.Query["platform"] == "html5" ? "playurl-html5.json" : "playurl-dash.json", cdnUrl);
            });
        });
        return new FakeBilibili(server, cdnUrl);
    }

    /// <summary>The session cookie tests configure; BiliBili lists AI subtitles only to a logged-in session.</summary>
    public const string SessionCookie = "SESSDATA=f00dcafe%2C1900000000%2Cabcd1*21";

    private static bool LoggedIn(HttpRequest request) => request.Headers.Cookie.ToString().Contains(SessionCookie, StringComparison.Ordinal);

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

    private static bool Browser(HttpRequest request) =>
        request.Headers.UserAgent.ToString().StartsWith("Mozilla/5.0", StringComparison.Ordinal)
        && request.Headers.Referer.ToString().StartsWith("https://www.bilibili.com", StringComparison.Ordinal);

    /// <summary>Recomputes <c>w_rid</c> over the other parameters, as BiliBili does.</summary>
    private static bool SignedCorrectly(string query)
    {
        var pairs = query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToList();
        var signature = pairs.FirstOrDefault(p => p[0] == "w_rid")?[1];
        if (signature is null || pairs.All(p => p[0] != "wts"))
        {
            return false;
        }
        var signed = string.Join('&', pairs.Where(p => p[0] != "w_rid").OrderBy(p => p[0], StringComparer.Ordinal).Select(p => $"{p[0]}={p[1]}"));
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(signed + MixinKey))) == signature;
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
