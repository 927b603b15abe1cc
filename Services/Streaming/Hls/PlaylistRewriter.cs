using System.Text.RegularExpressions;
using VideoPlatform.Contracts;

namespace VideoPlatform.Streaming.Hls;

/// <summary>
/// Rewrites an HLS master or media playlist so that every URI in it (variant and segment lines,
/// and <c>URI="…"</c> attributes of EXT-X-MEDIA, EXT-X-KEY, EXT-X-MAP, EXT-X-I-FRAME-STREAM-INF)
/// points back at this service's segment route with a signed token. Every entry grows by its
/// token, so a playlist of many tiny lines would multiply: the entries and the size of what is
/// written are bounded before anything is sent (<see cref="Measure"/>), and the rewritten playlist
/// is written line by line as it is produced, never held whole.
/// </summary>
public static partial class PlaylistRewriter
{
    public const string SegmentPath = "/api/v2/stream/segment";

    /// <summary>Entries (URI lines and attributes) one playlist may have; a 12-hour VOD in 2-second segments has 21,600.</summary>
    public const int MaxEntries = 25_000;

    /// <summary>Longest URL an entry may resolve to: a token longer than SegmentTokens accepts would be useless anyway.</summary>
    public const int MaxEntryUrlLength = 4096;

    /// <summary>Most a rewritten playlist may come to.</summary>
    public const long MaxOutputBytes = 32L * 1024 * 1024;

    /// <summary>A token's size beyond the URL it carries (base64 of the JSON wrapper, expiry and signature).</summary>
    private const int TokenOverhead = 160;

    /// <summary>
    /// Checks the playlist against the bounds, counting what its rewrite will write, and throws a
    /// 502 problem when it passes one. <paramref name="headersLength"/> is the length of the
    /// headers every entry's token carries.
    /// </summary>
    public static void Measure(string playlist, Uri playlistUrl, int headersLength)
    {
        long entries = 0, bytes = 0;
        foreach (var raw in playlist.AsSpan().EnumerateLines())
        {
            var line = raw.TrimEnd('\r');
            if (line.IsEmpty)
            {
                bytes++;
                continue;
            }
            if (line[0] != '#')
            {
                bytes += Entry(line.ToString()) + 1;
                continue;
            }
            bytes += line.Length + 1;
            foreach (var match in UriAttribute().EnumerateMatches(line))
            {
                bytes += Entry(line.Slice(match.Index + 5, match.Length - 6).ToString());
            }
        }
        if (bytes > MaxOutputBytes)
        {
            throw TooLarge();
        }

        long Entry(string reference)
        {
            // Stopped at the first entry past a bound: a playlist of millions of tiny lines costs no more than one at the bound.
            if (++entries > MaxEntries || bytes > MaxOutputBytes)
            {
                throw TooLarge();
            }
            var length = Resolve(playlistUrl, reference)?.AbsoluteUri.Length ?? 0;
            if (length > MaxEntryUrlLength)
            {
                throw new ProblemException(ErrorCodes.UpstreamUnavailable, "An entry of the upstream playlist has a URL longer than this service signs.");
            }
            return SegmentPath.Length + 16 + TokenOverhead + (length + headersLength) * 4 / 3;
        }
    }

    private static ProblemException TooLarge() => new(ErrorCodes.UpstreamUnavailable,
        $"The upstream playlist is larger than this service rewrites (at most {MaxEntries} entries and {MaxOutputBytes / (1024 * 1024)} MiB).");

    /// <summary>Writes the rewritten playlist to <paramref name="output"/> line by line. Call <see cref="Measure"/> first.</summary>
    public static async Task WriteAsync(string playlist, Uri playlistUrl, Func<Uri, string> sign, TextWriter output, CancellationToken cancellationToken)
    {
        string Local(string reference) => Resolve(playlistUrl, reference) is { } target ? LocalPath(target, sign(target)) : "";

        var start = 0;
        var pendingBlank = 0;
        while (start < playlist.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = playlist.IndexOf('\n', start);
            var stop = end < 0 ? playlist.Length : end;
            if (stop > start && playlist[stop - 1] == '\r')
            {
                stop--;
            }
            var text = playlist[start..stop];
            start = end < 0 ? playlist.Length : end + 1;
            if (text.Length == 0)
            {
                // Blank lines are kept, except at the end.
                pendingBlank++;
                continue;
            }
            for (; pendingBlank > 0; pendingBlank--)
            {
                await output.WriteAsync('\n');
            }
            await output.WriteAsync(text[0] == '#' ? UriAttribute().Replace(text, m => $"URI=\"{Local(m.Groups[1].Value)}\"") : Local(text));
            await output.WriteAsync('\n');
        }
    }

    /// <summary>The absolute URL an entry names, or null when it names none (a relative reference cannot be resolved).</summary>
    private static Uri? Resolve(Uri playlistUrl, string reference) =>
        Uri.TryCreate(playlistUrl, reference.Trim(), out var target) && target.IsAbsoluteUri ? target : null;

    /// <summary>The segment route's path for <paramref name="target"/>, named by its signed <paramref name="token"/>.</summary>
    public static string LocalPath(Uri target, string token) => $"{SegmentPath}/s{ExtensionOf(target)}?token={token}";

    /// <summary>Players (and ffmpeg) judge an entry by its extension, so the local path keeps it.</summary>
    private static string ExtensionOf(Uri target) =>
        Path.GetExtension(target.AbsolutePath) is { Length: > 1 and <= 6 } ext && ext[1..].All(char.IsAsciiLetterOrDigit) ? ext : "";

    public static bool IsPlaylist(Uri url, string? contentType) =>
        url.AbsolutePath.EndsWith(".m3u8", StringComparison.OrdinalIgnoreCase)
        || (contentType?.Contains("mpegurl", StringComparison.OrdinalIgnoreCase) ?? false);

    [GeneratedRegex("URI=\"([^\"]*)\"")]
    private static partial Regex UriAttribute();
}
