using System.Net.Http.Headers;
using VideoPlatform.Contracts;

namespace VideoPlatform.Streaming.Proxy;

/// <summary>
/// What of a media host's answer reaches our client, and in what form: lengths and ranges as
/// HttpClient parsed them (a value it could not parse is dropped, never copied as text), and only
/// media types; anything else (<c>text/html</c>, scripts, SVG, XML) is served as
/// <c>application/octet-stream</c> in a sandbox, so nothing a CDN sends runs as a page of our origin.
/// A playlist where a media file was expected is refused: a player or ffmpeg would follow its
/// entries to wherever they point.
/// </summary>
internal static class UpstreamHeaders
{
    private const string Neutral = "application/octet-stream";

    public static void CopyTo(HttpContext context, HttpResponseMessage response, bool lengthAndRange)
    {
        var content = response.Content.Headers;
        RefusePlaylist(content.ContentType?.MediaType);
        if (content.NonValidated.TryGetValues("Content-Length", out var lengths) && (lengths.Count > 1 || content.ContentLength is null))
        {
            // A length HttpClient could not parse (letters, a negative, two that differ): the
            // framing of the body cannot be trusted, so none of it is passed on.
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, "The media host answered an invalid Content-Length.");
        }
        var headers = context.Response.Headers;
        headers.ContentType = MediaTypeOf(content.ContentType);
        if (lengthAndRange)
        {
            if (content.ContentLength is { } length)
            {
                context.Response.ContentLength = length;
            }
            if (content.ContentRange is { Unit: "bytes" } range && (range.HasRange || range.HasLength))
            {
                headers.ContentRange = range.ToString();
            }
        }
        if (response.Headers.ETag?.ToString() is { } etag && etag.All(c => c is >= ' ' and < (char)127))
        {
            // HttpClient takes any Latin-1 inside the quotes; Kestrel sends only ASCII and would fail the answer.
            headers.ETag = etag;
        }
        if (content.LastModified is { } modified)
        {
            headers.LastModified = modified.ToString("R");
        }
        headers.AcceptRanges = "bytes";
        headers.CacheControl = "private, max-age=300";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
    }

    /// <summary>Media types pass as they are; every other type becomes <c>application/octet-stream</c>.</summary>
    internal static string MediaTypeOf(MediaTypeHeaderValue? type) => type?.MediaType?.ToLowerInvariant() switch
    {
        null => Neutral,
        var media when (media.StartsWith("video/", StringComparison.Ordinal) || media.StartsWith("audio/", StringComparison.Ordinal))
                       && media.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '.' or '+') => media,
        "application/mp4" or "binary/octet-stream" => "application/mp4",
        _ => Neutral,
    };

    /// <summary>Bytes read before a body's first bytes are judged (a trickling host cannot split "#EXTM3U" to slip it past).</summary>
    public const int SniffBytes = 16;

    /// <summary>Throws when the first bytes of a body that should be media are a playlist or a manifest.</summary>
    public static void RefusePlaylistBody(ReadOnlySpan<byte> start)
    {
        var text = start;
        if (text.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }
        text = text.TrimStart(" \t\r\n"u8);
        if (text.StartsWith("#EXTM3U"u8) || text.StartsWith("<?xml"u8) || text.StartsWith("<MPD"u8))
        {
            throw Refused();
        }
    }

    private static void RefusePlaylist(string? mediaType)
    {
        if (mediaType is not null && (mediaType.Contains("mpegurl", StringComparison.OrdinalIgnoreCase)
                                      || mediaType.Contains("dash+xml", StringComparison.OrdinalIgnoreCase)))
        {
            throw Refused();
        }
    }

    private static ProblemException Refused() =>
        new(ErrorCodes.UpstreamUnavailable, "The media host answered a playlist where a media file was expected.");
}
