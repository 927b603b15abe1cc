namespace VideoPlatform.Legacy.Compatibility;

/// <summary>The viewer's country for the Go API's smart route: <c>country=</c>, else a CDN's country header.</summary>
internal static class ViewerCountry
{
    private static readonly string[] CountryHeaders = ["CF-IPCountry", "X-Country-Code", "X-Appengine-Country", "X-Geo-Country"];

    /// <summary>A two-letter code, or null when none is known (the CDNs' <c>XX</c>/<c>ZZ</c> mean unknown).</summary>
    public static string? Of(HttpRequest request, string? requested)
    {
        var candidates = new[] { requested }.Concat(CountryHeaders.Select(h => (string?)request.Headers[h].ToString()));
        return candidates.Select(c => c?.Trim().ToUpperInvariant())
            .FirstOrDefault(c => c is { Length: 2 } && c is not ("ZZ" or "XX"));
    }
}
