using System.Text;
using System.Text.RegularExpressions;

namespace VideoPlatform.Streaming.Hls;

/// <summary>
/// Rewrites an HLS master or media playlist so that every URI in it (variant and segment lines,
/// and <c>URI="…"</c> attributes of EXT-X-MEDIA, EXT-X-KEY, EXT-X-MAP, EXT-X-I-FRAME-STREAM-INF)
/// points back at this service's segment route with a signed token.
/// </summary>
public static partial class PlaylistRewriter
{
    public const string SegmentPath = "/api/v2/stream/segment";

    public static string Rewrite(string playlist, Uri playlistUrl, Func<Uri, string> sign)
    {
        string Local(string reference)
        {
            var target = new Uri(playlistUrl, reference.Trim());
            // Players (and ffmpeg) judge an entry by its extension, so the local path keeps it.
            var extension = Path.GetExtension(target.AbsolutePath) is { Length: > 1 and <= 6 } ext && ext[1..].All(char.IsAsciiLetterOrDigit) ? ext : "";
            return $"{SegmentPath}/s{extension}?token={sign(target)}";
        }

        var output = new StringBuilder(playlist.Length * 2);
        foreach (var raw in playlist.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                output.Append('\n');
                continue;
            }
            output.Append(line.StartsWith('#')
                ? UriAttribute().Replace(line, m => $"URI=\"{Local(m.Groups[1].Value)}\"")
                : Local(line));
            output.Append('\n');
        }
        return output.ToString().TrimEnd('\n') + "\n";
    }

    public static bool IsPlaylist(Uri url, string? contentType) =>
        url.AbsolutePath.EndsWith(".m3u8", StringComparison.OrdinalIgnoreCase)
        || (contentType?.Contains("mpegurl", StringComparison.OrdinalIgnoreCase) ?? false);

    [GeneratedRegex("URI=\"([^\"]*)\"")]
    private static partial Regex UriAttribute();
}
