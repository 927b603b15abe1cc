namespace VideoPlatform.Streaming.Apis;

/// <summary>
/// The <c>Content-Disposition</c> of a proxied download. The name comes from the caller or the
/// platform's title, so it is cleaned once, before either form is written: no control characters
/// (a decoded <c>%0D%0A</c> would split a header in a client that writes it back), no path
/// separators or leading dots (a decoded <c>..%2F</c> would climb out of a download folder), at most
/// 200 characters. <c>filename*</c> then carries the cleaned name percent-encoded, <c>filename</c>
/// its ASCII fallback.
/// </summary>
internal static class AttachmentName
{
    private const int MaxLength = 200;

    public static string Header(string name, string fallback)
    {
        var clean = Clean(name);
        if (clean.Length == 0)
        {
            clean = Clean(fallback);
        }
        return $"attachment; filename=\"{Ascii(clean)}\"; filename*=UTF-8''{Uri.EscapeDataString(clean)}";
    }

    internal static string Clean(string name)
    {
        var kept = new string(name.Select(c => char.IsControl(c) || c is '/' or '\\' or '"' or ':' or '*' or '?' or '<' or '>' or '|' ? '_' : c).ToArray());
        kept = kept.Trim().TrimStart('.', '_').Trim();
        return kept.Length > MaxLength ? kept[..MaxLength] : kept;
    }

    private static string Ascii(string name) =>
        new(name.Select(c => c is >= ' ' and < (char)127 and not ('"' or '\'' or '\\' or '/') ? c : '_').ToArray());
}
