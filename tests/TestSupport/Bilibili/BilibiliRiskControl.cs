using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace VideoPlatform.TestSupport.Bilibili;

/// <summary>
/// What <see cref="FakeBilibili"/> refuses, as BiliBili's risk control does since 2026's changes:
/// <list type="bullet">
/// <item>HTTP 412 to an API call without a current browser's User-Agent (Chrome or Firefox 130 and
/// later), <c>Origin: https://www.bilibili.com</c> and a www.bilibili.com <c>Referer</c>;</item>
/// <item>HTTP 412 to a play-URL call without the player's fingerprint (<c>dm_img_list</c>,
/// <c>dm_img_str</c>, <c>dm_cover_img_str</c>, <c>dm_img_inter</c>, <c>web_location</c>), each in
/// the shape the player sends;</item>
/// <item><c>-352</c> with a <c>v_voucher</c> (the recorded answer) to a signed call that carries no
/// guest <c>buvid3</c> handed out by <c>finger/spi</c> (nor a session), or whose WBI signature was
/// not made with the keys in force.</item>
/// </list>
/// Every call, or every signed one, can also be refused outright (<see cref="RefuseEverything"/>,
/// <see cref="RefuseSigned"/>).
/// </summary>
public sealed partial class BilibiliRiskControl
{
    /// <summary>The documented key pair (mixin <c>ea1db124…</c>) and the same two swapped, as after a rotation.</summary>
    private static readonly (string Img, string Sub, string Mixin)[] KeyPairs =
    [
        ("7cd084941338484aae1ad9425b84077c", "4932caff0ff746eab6f01bf08b70ac45", "ea1db124af3c7062474693fa704f4ff8"),
        ("4932caff0ff746eab6f01bf08b70ac45", "7cd084941338484aae1ad9425b84077c", "4af39007a1f5828008aecf30cae44936"),
    ];

    private static readonly string[] ApiPrefixes = ["/x/", "/pgc/", "/bapis/"];
    private static readonly string[] Fingerprint = ["dm_img_list", "dm_img_str", "dm_cover_img_str", "dm_img_inter", "web_location"];
    private static readonly string Refusal352 = FixtureFiles.Read("Bilibili", "risk-control-352.json");

    private int _keys;

    /// <summary>The buvid3 <c>finger/spi</c> hands out (that of its recorded answer).</summary>
    public const string HandedOutBuvid3 = "D9656DA8-9BEF-F464-5B72-C4849AFD336379044infoc";

    /// <summary>When set, every API call but the guest-identity ones is refused: with HTTP 412, or with -352.</summary>
    public int? RefuseEverything { get; set; }

    /// <summary>When set, every WBI-signed call is refused, with HTTP 412 or -352, whatever it carries (a blocked server).</summary>
    public int? RefuseSigned { get; set; }

    /// <summary>The <c>Cookie</c> header of every API call, by path, in arrival order.</summary>
    public ConcurrentQueue<(string Path, string Cookie)> Cookies { get; } = new();

    /// <summary>Refusals as <c>status path: reason</c>, in arrival order, to tell a test why the fake said no.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    public void Rotate() => Interlocked.Exchange(ref _keys, 1);

    /// <summary>The nav answer with the keys in force.</summary>
    public string Nav(string fixture)
    {
        var keys = KeyPairs[Volatile.Read(ref _keys)];
        return fixture.Replace(KeyPairs[0].Img, "IMG", StringComparison.Ordinal).Replace(KeyPairs[0].Sub, "SUB", StringComparison.Ordinal)
            .Replace("IMG", keys.Img, StringComparison.Ordinal).Replace("SUB", keys.Sub, StringComparison.Ordinal);
    }

    /// <summary>A guest ticket when <c>hexsign</c> is the HMAC of <c>ts</c> and the time, created at that time.</summary>
    public IResult Ticket(HttpRequest request, string fixture)
    {
        var ts = request.Query["context[ts]"].ToString();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData("XgwSnGZ1p"u8.ToArray(), Encoding.UTF8.GetBytes("ts" + ts)));
        if (request.Query["key_id"] != "ec02" || request.Query["hexsign"] != expected || !long.TryParse(ts, CultureInfo.InvariantCulture, out var created))
        {
            // Invented: the documentation names code 400 for wrong parameters but shows no such answer.
            return Results.Text("""{"code":400,"message":"参数错误","ttl":1}""", "application/json");
        }
        var body = JsonNode.Parse(fixture)!;
        body["data"]!["created_at"] = created;
        return Results.Text(body.ToJsonString(), "application/json");
    }

    public async Task RefuseAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        if (!ApiPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)))
        {
            await next();
            return;
        }
        Cookies.Enqueue((path, request.Headers.Cookie.ToString()));
        var guestIdentity = path is "/x/frontend/finger/spi" or "/bapis/bilibili.api.ticket.v1.Ticket/GenWebTicket";
        var signed = path.Contains("/wbi/", StringComparison.Ordinal);
        var refusal = !CurrentBrowser(request) ? (412, "no current browser's User-Agent, Origin and Referer")
            : RefuseEverything is { } everything && !guestIdentity ? (everything, "refusing everything")
            : signed && RefuseSigned is { } signedRefusal ? (signedRefusal, "refusing signed calls")
            : path == "/x/player/wbi/playurl" && FingerprintFault(request) is { } fault ? (412, fault)
            : signed && !FakeBilibili.LoggedIn(request) && !request.Headers.Cookie.ToString().Contains($"buvid3={HandedOutBuvid3}", StringComparison.Ordinal) ? (-352, "no guest buvid3")
            : signed && !SignedWith(KeyPairs[Volatile.Read(ref _keys)].Mixin, request.QueryString.Value ?? "") ? (-352, "not signed with the keys in force")
            : ((int, string)?)null;
        if (refusal is not { } refused)
        {
            await next();
            return;
        }
        var (status, reason) = refused;
        Refusals.Enqueue($"{status} {path}: {reason}");
        context.Response.ContentType = "application/json";
        if (status == 412)
        {
            context.Response.StatusCode = StatusCodes.Status412PreconditionFailed;
            await context.Response.WriteAsync("""{"code":-412,"message":"请求被拦截"}""");
            return;
        }
        await context.Response.WriteAsync(Refusal352);
    }

    private static bool CurrentBrowser(HttpRequest request) =>
        BrowserVersion().Match(request.Headers.UserAgent.ToString()) is { Success: true } match
        && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) >= 130
        && request.Headers.Origin == "https://www.bilibili.com"
        && request.Headers.Referer.ToString().StartsWith("https://www.bilibili.com/", StringComparison.Ordinal);

    /// <summary>What is wrong with the fingerprint parameters, or null when they look as the player sends them.</summary>
    private static string? FingerprintFault(HttpRequest request)
    {
        if (Fingerprint.FirstOrDefault(name => string.IsNullOrEmpty(request.Query[name])) is { } missing)
        {
            return $"no {missing}";
        }
        try
        {
            if (JsonNode.Parse(request.Query["dm_img_list"].ToString()) is not JsonArray)
            {
                return "dm_img_list is not a JSON array";
            }
            if (JsonNode.Parse(request.Query["dm_img_inter"].ToString()) is not JsonObject inter || inter["ds"] is not JsonArray || inter["wh"] is not JsonArray { Count: 3 } || inter["of"] is not JsonArray { Count: 3 })
            {
                return "dm_img_inter is not {ds, wh[3], of[3]}";
            }
        }
        catch (JsonException)
        {
            return "a dm_img parameter is not JSON";
        }
        // The player cuts the last two characters off its base64: what is left must still read as text.
        foreach (var name in new[] { "dm_img_str", "dm_cover_img_str" })
        {
            if (!WebGlText(request.Query[name].ToString()))
            {
                return $"{name} is not a WebGL string in cut base64";
            }
        }
        return null;
    }

    /// <summary>Whether the whole quads of the cut base64 decode to printable text.</summary>
    private static bool WebGlText(string cut)
    {
        var whole = cut[..(cut.Length / 4 * 4)];
        var bytes = new byte[whole.Length];
        return Convert.TryFromBase64String(whole, bytes, out var written) && written > 8
               && bytes.AsSpan(0, written).ToArray().All(b => b is >= 0x20 and <= 0x7e);
    }

    /// <summary>Recomputes <c>w_rid</c> over the other parameters, as BiliBili does.</summary>
    private static bool SignedWith(string mixin, string query)
    {
        var pairs = query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToList();
        var signature = pairs.FirstOrDefault(p => p[0] == "w_rid")?[1];
        if (signature is null || pairs.All(p => p[0] != "wts"))
        {
            return false;
        }
        var signed = string.Join('&', pairs.Where(p => p[0] != "w_rid").OrderBy(p => p[0], StringComparer.Ordinal).Select(p => $"{p[0]}={p[1]}"));
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(signed + mixin))) == signature;
    }

    [GeneratedRegex(@"^Mozilla/5\.0 .*(?:Chrome|Firefox)/(\d+)\.")]
    private static partial Regex BrowserVersion();
}
