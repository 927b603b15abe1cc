namespace VideoPlatform.Metadata.Cookies;

/// <summary>
/// What an operator configured for one platform's requests (<c>GET /api/v2/auth/status</c>):
/// whether this server sends cookies to it at all, where they come from, their names (never their
/// values), and whether the one that makes a logged-in session is among them.
/// </summary>
public sealed record PlatformCookieStatus(
    string Platform,
    bool Used,
    bool Configured,
    string? Source,
    IReadOnlyList<string> CookieNames,
    string? SessionCookie,
    bool HasSession,
    string HowToSupply);
