using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Streaming.Metrics;
using VideoPlatform.Streaming.Signing;

namespace VideoPlatform.Streaming.Hls;

/// <summary>
/// Tokens this service signs so that players can fetch playlist entries through it without ever
/// naming an upstream URL themselves: HMAC-SHA256 over the URL, the headers its host wants and an
/// expiry. A tampered or expired token is refused; the host is still checked against the
/// allow-list when the token is used.
/// </summary>
public sealed class SegmentTokens
{
    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly StreamMetricsCollector? _metrics;

    public SegmentTokens(TokenSigningKeys keys, IOptions<StreamingOptions> options, TimeProvider time, StreamMetricsCollector? metrics = null)
    {
        _metrics = metrics;
        _key = keys.For("segments");
        _time = time;
        _lifetime = options.Value.TokenLifetime;
    }

    /// <summary>A token for <paramref name="url"/>, valid until <paramref name="expiresAt"/> (the upstream URL's own expiry) but never beyond the configured lifetime.</summary>
    public string Sign(Uri url, IReadOnlyDictionary<string, string> headers, DateTimeOffset? expiresAt = null)
    {
        var limit = _time.GetUtcNow() + _lifetime;
        return Sign(url, headers, expiresAt is { } requested && requested < limit ? requested : limit);
    }

    /// <summary>
    /// A token for one format of a video (a file of a DASH manifest): it names the format as well
    /// as its current URL, so it lives the configured lifetime rather than the URL's — a URL that
    /// has expired (<paramref name="urlExpiresAt"/>) or is refused is resolved again from the format.
    /// </summary>
    public string Sign(MediaFile file, Uri url, IReadOnlyDictionary<string, string> headers, DateTimeOffset? urlExpiresAt) =>
        Sign(url, headers, _time.GetUtcNow() + _lifetime, file, urlExpiresAt);

    private string Sign(Uri url, IReadOnlyDictionary<string, string> headers, DateTimeOffset expiry, MediaFile? file = null, DateTimeOffset? urlExpiresAt = null)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new TokenPayload(url.ToString(), headers.Count == 0 ? null : new Dictionary<string, string>(headers),
            expiry.ToUnixTimeSeconds(), file, urlExpiresAt?.ToUnixTimeSeconds()));
        return $"{Base64Url(payload)}.{Base64Url(HMACSHA256.HashData(_key, payload))}";
    }

    /// <summary>What a token stands for; throws 403 when it is not one this service signed or it has expired.</summary>
    public SignedEntry Verify(string? token)
    {
        var dot = token?.IndexOf('.') ?? -1;
        if (token is null || dot <= 0 || token.Length > 8192)
        {
            throw Refused("malformed", "The token is missing or malformed.");
        }

        byte[] payload, signature;
        try
        {
            payload = FromBase64Url(token[..dot]);
            signature = FromBase64Url(token[(dot + 1)..]);
        }
        catch (FormatException)
        {
            throw Refused("malformed", "The token is malformed.");
        }
        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payload)))
        {
            throw Refused("signature", "The token was not signed by this service.");
        }

        var data = JsonSerializer.Deserialize<TokenPayload>(payload) ?? throw Refused("malformed", "The token is empty.");
        if (DateTimeOffset.FromUnixTimeSeconds(data.E) <= _time.GetUtcNow())
        {
            throw Refused("expired", "The token has expired; ask for the stream again.");
        }
        return new SignedEntry(new Uri(data.U), data.H ?? new Dictionary<string, string>(), data.F,
            data.X is { } urlExpiry ? DateTimeOffset.FromUnixTimeSeconds(urlExpiry) : null);
    }

    private ProblemException Refused(string reason, string detail)
    {
        _metrics?.TokenRejected(reason);
        return new(ErrorCodes.Unauthorized, detail) { Status = StatusCodes.Status403Forbidden };
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// Decodes a part of a token, accepting only the one spelling this service writes: unpadded
    /// base64url whose unused trailing bits are zero. Another spelling of the same bytes is refused,
    /// so a token has exactly one form (nothing that keys on the token text can be sidestepped).
    /// </summary>
    private static byte[] FromBase64Url(string text)
    {
        if (text.Length % 4 == 1 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new FormatException("Not unpadded base64url.");
        }
        var padded = text.Replace('-', '+').Replace('_', '/');
        var bytes = Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
        return Base64Url(bytes) == text ? bytes : throw new FormatException("Not the canonical spelling.");
    }

    // Short names: the payload travels in every URL of a playlist or manifest. F and X only for a format's file.
    private sealed record TokenPayload(string U, Dictionary<string, string>? H, long E,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MediaFile? F = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? X = null);
}

/// <summary>
/// One format of a video, as a DASH manifest's file names it: enough to resolve its URL again. The
/// same format id comes once per audio language, so the audio track's id tells them apart.
/// </summary>
public sealed record MediaFile(
    [property: JsonPropertyName("p")] string Platform,
    [property: JsonPropertyName("v")] string VideoId,
    [property: JsonPropertyName("f")] string FormatId,
    [property: JsonPropertyName("a"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AudioTrackId = null)
{
    public static MediaFile Of(string platform, string videoId, VideoFormat format) => new(platform, videoId, format.FormatId, format.AudioTrack?.Id);

    public bool Names(VideoFormat format) => format.FormatId == FormatId && format.AudioTrack?.Id == AudioTrackId;
}

/// <summary>
/// What a signed token stands for: an upstream URL and the headers its host wants; for a file of a
/// DASH manifest also the format it is (<see cref="File"/>) and when the URL itself expires.
/// </summary>
public sealed record SignedEntry(Uri Url, IReadOnlyDictionary<string, string> Headers, MediaFile? File, DateTimeOffset? UrlExpiresAt);
