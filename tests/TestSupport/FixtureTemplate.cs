namespace VideoPlatform.TestSupport;

/// <summary>
/// Fills the placeholders of recorded fixtures: <c>{cdn}</c> with the fake CDN's address and
/// <c>{expire}</c> with a stream-URL expiry six hours from when the tests started, as the platforms
/// hand out. A fixed expiry in the files would make every test a time bomb: once the date passes,
/// every URL looks expired and is extracted again.
/// </summary>
public static class FixtureTemplate
{
    /// <summary>The expiry (Unix seconds) every fixture's <c>{expire}</c> stands for in this run.</summary>
    public static long Expire { get; } = DateTimeOffset.UtcNow.AddHours(6).ToUnixTimeSeconds();

    public static DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeSeconds(Expire);

    public static string Apply(string json, Uri? cdn = null) =>
        (cdn is null ? json : json.Replace("{cdn}", cdn.ToString().TrimEnd('/'), StringComparison.Ordinal))
        .Replace("{expire}", Expire.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
