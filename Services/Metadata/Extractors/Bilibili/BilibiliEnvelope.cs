using System.Text.Json.Nodes;
using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Extractors.Bilibili;

/// <summary>BiliBili's answer envelope (<c>{code, message, data}</c>): its data, or its code as the platform's error.</summary>
internal static class BilibiliEnvelope
{
    /// <summary>
    /// Whether the risk control refused the request: <c>-352</c>, or a success whose data holds only a
    /// <c>v_voucher</c> (what a signed call with stale keys or a missing fingerprint gets).
    /// </summary>
    public static bool IsRiskControl(JsonObject body, string field = "data") =>
        Code(body) == -352 || Code(body) == 0 && body[field] is JsonObject data && data.ContainsKey("v_voucher");

    public static ProblemException Refused(string howToSupply) => new(ErrorCodes.UpstreamRefused,
        $"BiliBili's risk control refused this server's request; asking again at once would deepen the block, so wait some minutes. {howToSupply}");

    /// <summary>The envelope's <paramref name="field"/> (<c>data</c>; the PGC APIs say <c>result</c>), or its code as an error.</summary>
    public static JsonObject Data(JsonObject body, string field, string howToSupply)
    {
        var code = Code(body);
        var message = body["message"]?.GetValue<string>() ?? "";
        if (IsRiskControl(body, field) || code is -412)
        {
            throw Refused(howToSupply);
        }
        return code switch
        {
            0 when body[field] is JsonObject data => data,
            -404 or 62002 or 62004 => throw new ProblemException(ErrorCodes.VideoUnavailable, $"BiliBili has no such video (or it is hidden or under review): {message}"),
            62012 => throw new ProblemException(ErrorCodes.VideoPrivate, "This BiliBili video is visible to its owner only."),
            // The PGC APIs use -10403 for members-only episodes too ("大会员专享限制"); only the message tells.
            -10403 when !message.Contains("地区", StringComparison.Ordinal) && (message.Contains("会员", StringComparison.Ordinal) || message.Contains("付费", StringComparison.Ordinal) || message.Contains("购买", StringComparison.Ordinal))
                => throw new ProblemException(ErrorCodes.PaymentRequired, $"This BiliBili episode is for paying members (大会员) or must be bought: {message}"),
            -10403 or 6002003 => throw new ProblemException(ErrorCodes.GeoRestricted, "This BiliBili video is not available in this server's region."),
            -403 or -101 => throw new ProblemException(ErrorCodes.LoginRequired, $"BiliBili requires a logged-in account for this video ({message}). {howToSupply}"),
            -509 or -799 => throw new ProblemException(ErrorCodes.UpstreamThrottled, "BiliBili is rate limiting this server; try again later."),
            87008 or 87007 => throw new ProblemException(ErrorCodes.PaymentRequired, "This BiliBili video must be paid for (charging / premium)."),
            _ => throw new ProblemException(ErrorCodes.UpstreamUnavailable, $"BiliBili answered code {code}: {message}"),
        };
    }

    private static int Code(JsonObject body) => body["code"]?.GetValue<int>() ?? -1;
}
