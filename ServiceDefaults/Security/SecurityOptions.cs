namespace Microsoft.Extensions.Hosting.Security;

/// <summary>
/// The <c>Security</c> section shared by every service. Off by default in Development, on in every
/// other environment; each part can be switched on its own.
/// </summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>Master switch for API keys and rate limits. Null: on outside Development.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Keys that may call the API (header <c>X-API-Key</c> or query <c>api_key</c>). None configured: no key needed.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>
    /// Key the services send each other (on service-discovery calls only, and on legacy's forwarded
    /// requests) and accept without a rate limit, so that legacy → metadata traffic is neither
    /// refused nor throttled. It is not one of <see cref="ApiKeys"/>: setting it alone does not make
    /// a key mandatory for public callers. A call that carries it may name the end client
    /// (<c>X-Client-Address</c>); no other caller is believed about that.
    /// </summary>
    public string? InternalApiKey { get; set; }

    public RateLimitOptions RateLimit { get; set; } = new();

    public CorsOptions Cors { get; set; } = new();

    /// <summary>CIDR ranges allowed to call (empty: everyone).</summary>
    public List<string> IpAllowList { get; set; } = [];

    /// <summary>CIDR ranges refused (checked before the allow list).</summary>
    public List<string> IpDenyList { get; set; } = [];

    /// <summary>Proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> are believed (CIDR). Empty: none, whatever ASPNETCORE_FORWARDEDHEADERS_ENABLED says.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Largest request body accepted, in bytes (413 above).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Paths whose pages may be framed by other sites (embeddable players).</summary>
    public List<string> FrameablePaths { get; set; } = ["/api/v2/stream/embed", "/api/v3/streaming/embed", "/api/embed"];
}

/// <summary>One API key: a name for the audit log, the secret, and optionally its own rate limit.</summary>
public sealed class ApiKeyOptions
{
    public string Name { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>Requests per window for this key; null uses <see cref="RateLimitOptions.PermitLimit"/>.</summary>
    public int? PermitLimit { get; set; }
}

public sealed class RateLimitOptions
{
    /// <summary>Null: follows <see cref="SecurityOptions.Enabled"/>.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Requests a client (IP, or API key when one is used) may make per window.</summary>
    public int PermitLimit { get; set; } = 300;

    public int WindowSeconds { get; set; } = 60;
}

public sealed class CorsOptions
{
    /// <summary>Origins allowed to call from a browser; <c>*</c> allows any. Empty: no CORS headers.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
