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
/// Every call carries what the web player's calls carry — a current browser's User-Agent, Origin and
/// Referer of www.bilibili.com, the guest cookies (<see cref="BilibiliGuestSession"/>) — and play-URL
/// calls the player's fingerprint (<see cref="BilibiliFingerprint"/>). The envelope's <c>code</c>
/// becomes the platform's error codes; a refusal by the risk control is <c>upstream_refused</c>.
/// </summary>
public sealed partial class BilibiliClient(
    IHttpClientFactory clients, IOptions<BilibiliOptions> options, PlatformCookies cookies, BilibiliGuestSession guest, TimeProvider time, ILogger<BilibiliClient> logger)
{
    private readonly Lock _keysGate = new();
    private (string MixinKey, DateTimeOffset FetchedAt)? _keys;

    public Task<JsonObject> GetViewAsync(string bvid, CancellationToken cancellationToken) =>
        GetDataAsync($"/x/web-interface/view?bvid={bvid}", cancellationToken);

    /// <summary>One page of a UGC collection (1-based <paramref name="page"/>), from the space API its page uses.</summary>
    public Task<JsonObject> GetSeasonArchivesAsync(long mid, long seasonId, int page, int pageSize, CancellationToken cancellationToken) =>
        GetDataAsync(string.Create(CultureInfo.InvariantCulture,
            $"/x/polymer/web-space/seasons_archives_list?mid={mid}&season_id={seasonId}&sort_reverse=false&page_num={page}&page_size={pageSize}"), cancellationToken);

    /// <summary>
    /// A part's streams. Guests ask with <c>try_look=1</c>, which lets them have 720P and 1080P;
    /// <paramref name="language"/> (a <c>language.items[].lang</c> of an earlier answer) asks for
    /// the AI dub of that language in place of the original audio.
    /// </summary>
    public Task<JsonObject> GetPlayUrlAsync(string bvid, long cid, bool progressive, CancellationToken cancellationToken, string? language = null)
    {
        var id = cid.ToString(CultureInfo.InvariantCulture);
        List<KeyValuePair<string, string>> parameters = progressive
            // platform=html5 MP4s carry no Referer check: one muxed H.264 file a player can be sent to.
            ? [new("bvid", bvid), new("cid", id), new("qn", "64"), new("fnval", "1"), new("fnver", "0"), new("platform", "html5"), new("high_quality", "1")]
            : [new("bvid", bvid), new("cid", id), new("qn", "127"), new("fnval", "4048"), new("fnver", "0"), new("fourk", "1")];
        if (!guest.LoggedIn)
        {
            parameters.Add(new("try_look", "1"));
        }
        if (language is not null)
        {
            parameters.Add(new("cur_language", language));
        }
        parameters.AddRange(BilibiliFingerprint.Parameters);
        return GetSignedAsync("/x/player/wbi/playurl", parameters, cancellationToken);
    }

    /// <summary>The player's view of one part (WBI-signed <c>/x/player/wbi/v2</c>), which lists its subtitles.</summary>
    public Task<JsonObject> GetPlayerAsync(string bvid, long cid, CancellationToken cancellationToken) =>
        GetSignedAsync("/x/player/wbi/v2", [new("bvid", bvid), new("cid", cid.ToString(CultureInfo.InvariantCulture)), new("web_location", BilibiliFingerprint.WebLocation)], cancellationToken);

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
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, $"Subtitle host {url.Host} is not one of BiliBili's.");
        }
        return (await SendAsync(url, cancellationToken)).Body;
    }

    /// <summary>A bangumi season (<c>pgc/view/web/season</c>) by one of its episodes or by its own id.</summary>
    public Task<JsonObject> GetBangumiSeasonAsync(long? episodeId, long? seasonId, CancellationToken cancellationToken) =>
        GetDataAsync(episodeId is { } ep
            ? string.Create(CultureInfo.InvariantCulture, $"/pgc/view/web/season?ep_id={ep}")
            : string.Create(CultureInfo.InvariantCulture, $"/pgc/view/web/season?season_id={seasonId}"), cancellationToken, "result");

    /// <summary>An episode's streams from the PGC play-URL API (all DASH variants, as for UGC videos).</summary>
    public Task<JsonObject> GetBangumiPlayUrlAsync(long episodeId, long cid, CancellationToken cancellationToken) =>
        GetDataAsync(string.Create(CultureInfo.InvariantCulture,
            $"/pgc/player/web/playurl?ep_id={episodeId}&cid={cid}&qn=127&fnval=4048&fnver=0&fourk=1"), cancellationToken, "result");

    /// <summary>
    /// A WBI-signed call. A refusal by the risk control (-352, or <c>v_voucher</c> in place of the
    /// data) most often means the daily keys rotated: the keys it was signed with and the guest
    /// identity it carried are forgotten, and the call is made once more with fresh ones. Refused
    /// again, it is <c>upstream_refused</c>: asking on would only deepen the block.
    /// </summary>
    private async Task<JsonObject> GetSignedAsync(string path, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var mixin = await MixinKeyAsync(cancellationToken);
            var signed = WbiSigner.Sign(parameters, mixin, time.GetUtcNow().ToUnixTimeSeconds());
            JsonObject body;
            string? cookie;
            try
            {
                (body, cookie) = await SendAsync(new Uri(options.Value.ApiBaseUrl, $"{path}?{signed}"), cancellationToken);
            }
            catch (ProblemException ex) when (ex.Code == ErrorCodes.UpstreamRefused)
            {
                // A 412 is not asked again, but the keys it was signed with are not trusted either.
                ForgetKeys(mixin);
                throw;
            }
            if (!BilibiliEnvelope.IsRiskControl(body))
            {
                return BilibiliEnvelope.Data(body, "data", cookies.HowToSupply("bilibili"));
            }
            ForgetKeys(mixin);
            guest.Forget(cookie);
            if (attempt == 2)
            {
                LogRefused(logger, path, attempt);
                throw BilibiliEnvelope.Refused(cookies.HowToSupply("bilibili"));
            }
            LogRetryingWithFreshKeys(logger, path);
        }
    }

    /// <summary>The WBI mixin key, from <c>/x/web-interface/nav</c>, reused for <see cref="BilibiliOptions.WbiKeyLifetime"/> or until a call signed with it is refused.</summary>
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
        var (body, _) = await SendAsync(new Uri(options.Value.ApiBaseUrl, "/x/web-interface/nav"), cancellationToken);
        var images = body["data"]?["wbi_img"];
        var img = KeyOf(images?["img_url"]?.GetValue<string>());
        var sub = KeyOf(images?["sub_url"]?.GetValue<string>());
        if (img.Length < 32 || sub.Length < 32)
        {
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, "BiliBili gave no WBI signing keys.");
        }
        var mixin = WbiSigner.MixinKey(img, sub);
        lock (_keysGate)
        {
            _keys = (mixin, time.GetUtcNow());
        }
        return mixin;
    }

    /// <summary>Forgets the keys a refused call was signed with (not newer ones another call fetched meanwhile).</summary>
    private void ForgetKeys(string refusedMixin)
    {
        lock (_keysGate)
        {
            if (_keys?.MixinKey == refusedMixin)
            {
                _keys = null;
            }
        }
    }

    private static string KeyOf(string? url) => url is null ? "" : Path.GetFileNameWithoutExtension(new Uri(url).AbsolutePath);

    private async Task<JsonObject> GetDataAsync(string pathAndQuery, CancellationToken cancellationToken, string field = "data")
    {
        var (body, cookie) = await SendAsync(new Uri(options.Value.ApiBaseUrl, pathAndQuery), cancellationToken);
        if (BilibiliEnvelope.IsRiskControl(body, field))
        {
            guest.Forget(cookie);
            LogRefused(logger, pathAndQuery.Split('?')[0], 1);
        }
        return BilibiliEnvelope.Data(body, field, cookies.HowToSupply("bilibili"));
    }

    /// <summary>The answer's JSON, and the <c>Cookie</c> header the request carried (so that a refusal can tell which identity was refused).</summary>
    private async Task<(JsonObject Body, string? Cookie)> SendAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        BilibiliBrowser.Apply(request, options.Value);
        // The session is BiliBili's API's business only: image and subtitle hosts never see it.
        var cookie = string.Equals(url.Authority, options.Value.ApiBaseUrl.Authority, StringComparison.OrdinalIgnoreCase)
            ? await guest.CookieHeaderAsync(cancellationToken)
            : null;
        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }
        using var response = await clients.CreateClient(nameof(BilibiliClient)).SendAsync(request, cancellationToken);
        if ((int)response.StatusCode == 412)
        {
            // The risk control's refusal of this server or identity: retrying at once only deepens it.
            guest.Forget(cookie);
            LogRefused(logger, url.AbsolutePath, 1);
            throw BilibiliEnvelope.Refused(cookies.HowToSupply("bilibili"));
        }
        response.EnsureUpstreamAnswered("BiliBili");
        try
        {
            return (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken)
                    ?? throw new ProblemException(ErrorCodes.UpstreamUnavailable, "BiliBili answered an empty body."), cookie);
        }
        catch (JsonException ex)
        {
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, "BiliBili answered something that is not JSON.", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "BiliBili's risk control refused signed {Path}; asking once more with fresh WBI keys and guest identity")]
    private static partial void LogRetryingWithFreshKeys(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BiliBili's risk control refused {Path} (attempt {Attempt}); answered as upstream_refused")]
    private static partial void LogRefused(ILogger logger, string path, int attempt);
}
