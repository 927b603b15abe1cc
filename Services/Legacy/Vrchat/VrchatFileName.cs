using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace VideoPlatform.Legacy.Vrchat;

/// <summary>
/// Download names VRChat's bundled resolver survives: no quotes or apostrophes (they break its
/// yt-dlp), accents folded, ASCII word characters only, spaces as underscores, <c>.mp4</c>.
/// The original name still travels as RFC 5987 <c>filename*</c>.
/// </summary>
public static partial class VrchatFileName
{
    public static string Sanitize(string? title, string fallback)
    {
        var folded = new StringBuilder();
        foreach (var c in (title ?? "").Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }
        var ascii = NotAllowed().Replace(folded.ToString(), "");
        var name = Underscores().Replace(Whitespace().Replace(ascii, "_"), "_").Trim('_', '.');
        if (name.Length == 0)
        {
            name = fallback;
        }
        if (name.Length > 120)
        {
            name = name[..120];
        }
        return name.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase) ? name : name + ".mp4";
    }

    [GeneratedRegex(@"[^A-Za-z0-9_\s\-.]")]
    private static partial Regex NotAllowed();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("_{2,}")]
    private static partial Regex Underscores();
}
