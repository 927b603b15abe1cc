using System.Text;
using System.Text.RegularExpressions;

namespace VideoPlatform.Legacy.Vrchat;

/// <summary>
/// Download names VRChat's bundled yt-dlp can handle: ASCII, no quotes or apostrophes (they
/// break its command line), accents folded (É → E), spaces as underscores, always <c>.mp4</c>.
/// </summary>
internal static partial class VrchatFileName
{
    private const int MaxLength = 200;

    public static string Sanitize(string? title, string fallback)
    {
        var name = Fold(title ?? "");
        if (name.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^4];
        }
        name = NotAllowed().Replace(name, "");
        name = Whitespace().Replace(name.Trim(), "_");
        name = Underscores().Replace(name, "_").Trim('_', '.');
        if (name.Length > MaxLength)
        {
            name = name[..MaxLength].TrimEnd('_', '.');
        }
        return (name.Length == 0 ? fallback : name) + ".mp4";
    }

    // Accented Latin letters keep their base letter (É → E). A table, not Unicode decomposition,
    // because the services run with invariant globalization, where normalisation is unavailable.
    private const string Accented = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽžŁłŒœ";
    private const string Plain = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyySsZzLlOo";

    private static string Fold(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var index = Accented.IndexOf(c);
            builder.Append(index >= 0 ? Plain[index] : c);
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"[^A-Za-z0-9_\-. ]")]
    private static partial Regex NotAllowed();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"_{2,}")]
    private static partial Regex Underscores();
}
