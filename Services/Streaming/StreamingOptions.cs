using System.ComponentModel.DataAnnotations;

namespace VideoPlatform.Streaming;

/// <summary>The <c>Streaming</c> section.</summary>
public sealed class StreamingOptions : IValidatableObject
{
    public const string SectionName = "Streaming";

    private const long MinUpstreamChunkBytes = 16 * 1024;
    private const int MinTokenKeyLength = 16;

    /// <summary>Host suffixes the proxy may fetch from (<c>googlevideo.com</c> also allows <c>rr1---sn-x.googlevideo.com</c>). Nothing else is ever contacted.</summary>
    [MinLength(1, ErrorMessage = "At least one media host is needed: nothing can be played without one.")]
    public List<string> AllowedMediaHosts { get; set; } = [];

    /// <summary>
    /// Whether media hosts may resolve to loopback or private addresses. Off: a name on the
    /// allow-list that resolves to 127.0.0.1 or 10.x is refused (DNS rebinding). Tests turn it on.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>
    /// Countries whose viewers cannot reach the media CDN: <c>mode=auto</c> proxies for them and
    /// redirects everyone else. CN in appsettings.json, not here: the binder appends a section's
    /// entries to a list the class starts with, so a default here could never be replaced.
    /// </summary>
    public List<string> ProxyCountries { get; set; } = [];

    /// <summary>Country assumed when a request names none.</summary>
    [RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "A two-letter ISO country code such as 'CN'.")]
    public string? DefaultCountry { get; set; }

    /// <summary>
    /// The one place that decides whether a viewer gets relayed bytes instead of a redirect
    /// (<c>mode=auto</c>, and <see cref="Contracts.Streaming.ResolvedStream.ProxyForViewer"/> for legacy).
    /// </summary>
    public bool ProxiesFor(string? country) =>
        ProxyCountries.Contains((country ?? DefaultCountry ?? "").Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a video's formats are kept by this service (bounded by the URLs' expiry).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FormatsTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>HMAC key of signed tokens; generated per run when absent (tokens then die with the process).</summary>
    public string? TokenKey { get; set; }

    /// <summary>
    /// Hosts (suffixes) whose files are fetched in ranges of <see cref="UpstreamChunkBytes"/> when a
    /// client asks for a whole file or a large range: googlevideo throttles un-ranged requests to
    /// playback speed. googlevideo.com in appsettings.json, as <see cref="ProxyCountries"/>' default is.
    /// </summary>
    public List<string> ChunkedMediaHosts { get; set; } = [];

    /// <summary>Size of one upstream range request for <see cref="ChunkedMediaHosts"/>; 0 turns chunking off.</summary>
    [Range(typeof(long), "0", "1073741824")]
    public long UpstreamChunkBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// How long a proxied body may go without a byte read from upstream or written to the client
    /// before the copy is given up and the response cut short. A CDN silent this long has stalled;
    /// a player that reads nothing this long has paused and will ask again with a range.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan BodyIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Entries of one <c>POST /api/v2/stream/batch</c> resolved at once.</summary>
    [Range(1, 64)]
    public int BatchConcurrency { get; set; } = 4;

    /// <summary>Entries one batch may hold (the seed's limit).</summary>
    [Range(1, 1000)]
    public int MaxBatchSize { get; set; } = 50;

    /// <summary>How long a signed segment token stays valid.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The rules between entries and fields that attributes cannot state.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (hosts, name) in new[] { (AllowedMediaHosts, nameof(AllowedMediaHosts)), (ChunkedMediaHosts, nameof(ChunkedMediaHosts)) })
        {
            for (var i = 0; i < hosts.Count; i++)
            {
                // A URL or a path here would never match a host and silently allow nothing.
                if (string.IsNullOrWhiteSpace(hosts[i]) || hosts[i].Contains('/') || hosts[i].Any(char.IsWhiteSpace))
                {
                    yield return new ValidationResult($"'{hosts[i]}' is not a host name (such as googlevideo.com, or host:port).", [$"{name}:{i}"]);
                }
            }
        }
        for (var i = 0; i < ProxyCountries.Count; i++)
        {
            if (ProxyCountries[i].Trim() is not { Length: 2 } country || !country.All(char.IsAsciiLetter))
            {
                yield return new ValidationResult($"'{ProxyCountries[i]}' is not a two-letter ISO country code.", [$"{nameof(ProxyCountries)}:{i}"]);
            }
        }
        // A tiny range would turn one file into thousands of upstream requests.
        if (UpstreamChunkBytes is > 0 and < MinUpstreamChunkBytes)
        {
            yield return new ValidationResult($"Either 0 (no chunking) or at least {MinUpstreamChunkBytes} bytes.", [nameof(UpstreamChunkBytes)]);
        }
        // Empty stands for unset (one key per process); a short key is a guessable one.
        if (TokenKey is { Length: > 0 and < MinTokenKeyLength })
        {
            yield return new ValidationResult($"A key of at least {MinTokenKeyLength} characters, or none for one per process.", [nameof(TokenKey)]);
        }
    }
}
