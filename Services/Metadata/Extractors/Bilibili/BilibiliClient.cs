using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;
using VideoPlatform.Metadata.Cookies;

namespace VideoPlatform.Metadata.Extractors.Bilibili;

/// <summary>
/// BiliBili's public web API: the view API for details, the WBI-signed play-URL API for streams.
/// Every call carries the browser headers BiliBili checks; the envelope's <c>code</c> becomes the
/// platform's error codes.
/// </summary>
public sealed class BilibiliClient(IHttpClientFactory clients, IOptions<BilibiliOptions> options, PlatformCookies cookies, TimeProvider time)
{
    private readonly Lock _keysGate = new();
    private (string MixinKey, DateTimeOffset FetchedAt)? _keys;

    public Task<JsonObject> GetViewAsync(string bvid, CancellationToken cancellationToken) =>
        GetDataAsync($"/x/web-interface/view?bvid={bvid}", cancellationToken);

    /// <summary>One page of a UGC collection (1-based <paramref name="page"/>), from the space API its page uses.</summary>
    public Task<JsonObject> GetSeasonArchivesAsync(long mid, long seasonId, int page, int pageSize, CancellationToken cancellationToken) =>
        GetDataAsync(string.Create(CultureInfo.InvariantCulture,
            $"/x/polymer/web-space/seasons_archives_list?mid={mid}&season_id={seasonId}&sort_reverse=false&page_num={page}&page_size={pageSize}"), cancellationToken);

    public async Task<JsonObject> GetPlayUrlAsync(string bvid, long cid, bool progressive, CancellationToken cancellationToken)
    {
        IEnumerable<KeyValuePair<string, string>> parameters = progressive
            // platform=html5 MP4s carry no Referer check: one muxed H.264 file a player can be sent to.
            ? [new("bvid", bvid), new("cid", cid.ToString()), new("qn", "64"), new("fnval", "1"), new("fnver", "0"), new("platform", "html5"), new("high_quality", "1")]
            : [new("bvid", bvid), new("cid", cid.ToString()), new("qn", "127"), new("fnval", "4048"), new("fnver", "0"), new("fourk", "1")];
        var mixin = await MixinKeyAsync(cancellationToken);
        var signed = WbiSigner.Sign(parameters, mixin, time.GetUtcNow().ToUnixTimeSeconds());
        return await GetDataAsync($"/x/player/wbi/playurl?{signed}", cancellationToken);
    }

    /// <summary>The player's view of one part (WBI-signed <c>/x/player/wbi/v2</c>), which lists its subtitles.</summary>
    public async Task<JsonObject> GetPlayerAsync(string bvid, long cid, CancellationToken cancellationToken)
    {
        var mixin = await MixinKeyAsync(cancellationToken);
        var signed = WbiSigner.Sign([new("bvid", bvid), new("cid", cid.ToString(CultureInfo.InvariantCulture))], mixin, time.GetUtcNow().ToUnixTimeSeconds());
        return await GetDataAsync($"/x/player/wbi/v2?{signed}", cancellationToken);
    }

    /// <summary>
    /// A subtitle body (<c>{"body":[{"from","to","content"}]}</c>). Its address came from the player
    /// API; it is still fetched only over https from BiliBili's image hosts (<c>*.hdslb.com</c>), or
    /// from the configured API host, where tests serve it.
    /// </summary>
    public async Task<JsonObject> GetSubtitleAsync(Uri url, CancellationToken cancellationToken)
    {
        var own = string.Equals(url.Authority, options.Value.ApiBaseUrl.Authority, StringComparison.OrdinalIgnoreCase) && url.Scheme == options.Value.ApiBaseUrl.Scheme;
        var hdslb = url.Scheme == Uri.UriSchemeHttps && (url.Host.Equals("hdslb.com", StringComparison.OrdinalIgnoreCase) || url.Host.EndsWith(".hdslb.com", StringComparison.OrdinalIgnoreCase));
        if (!own && !hdslb)
        {
            throw new PlatformException(ErrorCodes.UpstreamUnavailable, $"Subtitle host {url.Host} is not one of BiliBili's.");
        }
        return await SendAsync(url, cancellationToken);
    }

    /// <summary>The WBI mixin key, from <c>/x/web-interface/nav</c>, reused for <see cref="BilibiliOptions.WbiKeyLifetime"/>.</summary>
    private async Task<string> MixinKeyAsync(CancellationToken cancellationToken)
    {
        lock (_keysGate)
        {
            if (_keys is { } keys && time.GetUtcNow() - keys.FetchedAt < options.Value.WbiKeyLifetime)
            {
                return keys.MixinKey;
            }
        }

        // Logged out, nav answers code -101 but still carries the keys.
        var body = await SendAsync("/x/web-interface/nav", cancellationToken);
        var images = body["data"]?["wbi_img"];
        var img = KeyOf(images?["img_url"]?.GetValue<string>());
        var sub = KeyOf(images?["sub_url"]?.GetValue<string>());
        if (img.Length < 32 || sub.Length < 32)
        {
            throw new PlatformException(ErrorCodes.UpstreamUnavailable, "BiliBili gave no WBI signing keys.");
        }
        var mixin = WbiSigner.MixinKey(img, sub);
        lock (_keysGate)
        {
            _keys = (mixin, time.GetUtcNow());
        }
        return mixin;
    }

    private static string KeyOf(string? url) => url is null ? "" : Path.GetFileNameWithoutExtension(new Uri(url).AbsolutePath);

    /// <summary>A bangumi season (<c>pgc/view/web/season</c>) by one of its episodes or by its own id.</summary>
    public Task<JsonObject> GetBangumiSeasonAsync(long? episodeId, long? seasonId, CancellationToken cancellationToken) =>
        GetDataAsync(episodeId is { } ep
            ? string.Create(CultureInfo.InvariantCulture, $"/pgc/view/web/season?ep_id={ep}")
            : string.Create(CultureInfo.InvariantCulture, $"/pgc/view/web/season?season_id={seasonId}"), cancellationToken, "result");

    /// <summary>An episode's streams from the PGC play-URL API (all DASH variants, as for UGC videos).</summary>
    public Task<JsonObject> GetBangumiPlayUrlAsync(long episodeId, long cid, CancellationToken cancellationToken) =>
        GetDataAsync(string.Create(CultureInfo.InvariantCulture,
            $"/pgc/player/web/playurl?ep_id={episodeId}&cid={cid}&qn=127&fnval=4048&fnver=0&fourk=1"), cancellationToken, "result");

    /// <summary>The envelope's <paramref name="field"/> (<c>data</c>; the PGC APIs say <c>result</c>), or its code as an error.</summary>
    private async Task<JsonObject> GetDataAsync(string pathAndQuery, CancellationToken cancellationToken, string field = "data")
    {
        var body = await SendAsync(pathAndQuery, cancellationToken);
        var code = body["code"]?.GetValue<int>() ?? -1;
        var message = body["message"]?.GetValue<string>() ?? "";
        return code switch
        {
            0 when body[field] is JsonObject data && !data.ContainsKey("v_voucher") => data,
            0 or -352 => throw new PlatformException(ErrorCodes.UpstreamThrottled, "BiliBili's risk control refused this request; try again later."),
            -404 or 62002 or 62004 => throw new PlatformException(ErrorCodes.VideoUnavailable, $"BiliBili has no such video (or it is hidden or under review): {message}"),
            62012 => throw new PlatformException(ErrorCodes.VideoPrivate, "This BiliBili video is visible to its owner only."),
            // The PGC APIs use -10403 for members-only episodes too ("大会员专享限制"); only the message tells.
            -10403 when !message.Contains("地区", StringComparison.Ordinal) && (message.Contains("会员", StringComparison.Ordinal) || message.Contains("付费", StringComparison.Ordinal) || message.Contains("购买", StringComparison.Ordinal))
                => throw new PlatformException(ErrorCodes.PaymentRequired, $"This BiliBili episode is for paying members (大会员) or must be bought: {message}"),
            -10403 or 6002003 => throw new PlatformException(ErrorCodes.GeoRestricted, "This BiliBili video is not available in this server's region."),
            -403 or -101 => throw new PlatformException(ErrorCodes.LoginRequired, $"BiliBili requires a logged-in account for this video ({message}). {cookies.HowToSupply("bilibili")}"),
            -412 or -509 or -799 => throw new PlatformException(ErrorCodes.UpstreamThrottled, "BiliBili is rate limiting this server; try again later."),
            87008 or 87007 => throw new PlatformException(ErrorCodes.PaymentRequired, "This BiliBili video must be paid for (charging / premium)."),
            _ => throw new PlatformException(ErrorCodes.UpstreamUnavailable, $"BiliBili answered code {code}: {message}"),
        };
    }

    private Task<JsonObject> SendAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync(new Uri(options.Value.ApiBaseUrl, pathAndQuery), cancellationToken);

    private async Task<JsonObject> SendAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", options.Value.UserAgent);
        request.Headers.TryAddWithoutValidation("Referer", options.Value.Referer);
        // The session is BiliBili's API's business only: image and subtitle hosts never see it.
        if (string.Equals(url.Authority, options.Value.ApiBaseUrl.Authority, StringComparison.OrdinalIgnoreCase) && cookies.HeaderFor("bilibili") is { } cookie)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }
        using var response = await clients.CreateClient(nameof(BilibiliClient)).SendAsync(request, cancellationToken);
        if ((int)response.StatusCode is 412 or 429)
        {
            throw new PlatformException(ErrorCodes.UpstreamThrottled, "BiliBili is rate limiting this server; try again later.");
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new PlatformException(ErrorCodes.UpstreamUnavailable, $"BiliBili answered {(int)response.StatusCode}.");
        }
        try
        {
            return await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken)
                   ?? throw new PlatformException(ErrorCodes.UpstreamUnavailable, "BiliBili answered an empty body.");
        }
        catch (JsonException ex)
        {
            throw new PlatformException(ErrorCodes.UpstreamUnavailable, "BiliBili answered something that is not JSON.", ex);
        }
    }
}
