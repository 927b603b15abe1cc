namespace VideoPlatform.Streaming;

/// <summary>The <c>Streaming</c> section.</summary>
public sealed class StreamingOptions
{
    public const string SectionName = "Streaming";

    /// <summary>Host suffixes the proxy may fetch from (<c>googlevideo.com</c> also allows <c>rr1---sn-x.googlevideo.com</c>). Nothing else is ever contacted.</summary>
    public List<string> AllowedMediaHosts { get; set; } = [];

    /// <summary>
    /// Whether media hosts may resolve to loopback or private addresses. Off: a name on the
    /// allow-list that resolves to 127.0.0.1 or 10.x is refused (DNS rebinding). Tests turn it on.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Countries whose viewers cannot reach the media CDN: <c>mode=auto</c> proxies for them and redirects everyone else.</summary>
    public List<string> ProxyCountries { get; set; } = ["CN"];

    /// <summary>Country assumed when a request names none.</summary>
    public string? DefaultCountry { get; set; }

    /// <summary>
    /// The one place that decides whether a viewer gets relayed bytes instead of a redirect
    /// (<c>mode=auto</c>, and <see cref="Contracts.Streaming.ResolvedStream.ProxyForViewer"/> for legacy).
    /// </summary>
    public bool ProxiesFor(string? country) =>
        ProxyCountries.Contains((country ?? DefaultCountry ?? "").Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a video's formats are kept by this service (bounded by the URLs' expiry).</summary>
    public TimeSpan FormatsTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>HMAC key of signed tokens; generated per run when absent (tokens then die with the process).</summary>
    public string? TokenKey { get; set; }

    /// <summary>
    /// Hosts (suffixes) whose files are fetched in ranges of <see cref="UpstreamChunkBytes"/> when a
    /// client asks for a whole file or a large range: googlevideo throttles un-ranged requests to
    /// playback speed.
    /// </summary>
    public List<string> ChunkedMediaHosts { get; set; } = ["googlevideo.com"];

    /// <summary>Size of one upstream range request for <see cref="ChunkedMediaHosts"/>; 0 turns chunking off.</summary>
    public long UpstreamChunkBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Entries of one <c>POST /api/v2/stream/batch</c> resolved at once.</summary>
    public int BatchConcurrency { get; set; } = 4;

    /// <summary>Entries one batch may hold (the seed's limit).</summary>
    public int MaxBatchSize { get; set; } = 50;

    /// <summary>How long a signed segment token stays valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(6);
}
