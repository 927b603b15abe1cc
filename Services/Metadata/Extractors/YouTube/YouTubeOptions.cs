using System.ComponentModel.DataAnnotations;
using VideoPlatform.Metadata.Extensions;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary><c>Platforms:YouTube</c>: where YouTube is and which InnerTube clients to ask, in order.</summary>
public sealed class YouTubeOptions : IValidatableObject
{
    public const string SectionName = "Platforms:YouTube";

    /// <summary><c>https://www.youtube.com</c>; tests point it at a fake.</summary>
    [Required, HttpUrl]
    public Uri BaseUrl { get; set; } = new("https://www.youtube.com");

    [Required, RegularExpression("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    public string Language { get; set; } = "en";

    [Required, RegularExpression("^[A-Z]{2}$")]
    public string Region { get; set; } = "US";

    /// <summary>
    /// The fallback chain: clients that return direct (unciphered) URLs first. When configured,
    /// replaces the built-in chain entirely.
    /// </summary>
    public List<InnerTubeClientProfile> Clients { get; set; } = [];

    /// <summary>
    /// The chain as of 2026-12 (see shared/reference/youtube-extraction.md, "Update 2026-12"):
    /// VISIONOS, the one client whose files play without a PO token or the player; the ANDROID
    /// reel client for the muxed itag 18, used only when a PO token provider is configured; then
    /// the clients that need the player but no token and that play made-for-kids videos. ANDROID_VR
    /// is left out: its answers still say OK, but its media have been refused since 2026-08.
    /// </summary>
    public static IReadOnlyList<InnerTubeClientProfile> DefaultClients { get; } =
    [
        new()
        {
            Name = "visionos", ClientName = "VISIONOS", ClientId = 101, ClientVersion = "1.04",
            UserAgent = "com.google.visionos.youtube/1.04(RealityDevice17,1; U; CPU visionOS 26_6_0 like Mac OS X; US)",
            DeviceMake = "Apple", DeviceModel = "RealityDevice17,1", OsName = "visionOS", OsVersion = "26.6.0.23O770", Platform = "MOBILE",
            SendsVisitorData = true,
        },
        new()
        {
            Name = "android-reel", ClientName = "ANDROID", ClientId = 3, ClientVersion = "21.03.36",
            UserAgent = "com.google.android.youtube/21.03.36 (Linux; U; Android 11) gzip",
            OsName = "Android", OsVersion = "11", Platform = "MOBILE", AndroidSdkVersion = 30,
            Endpoint = "reel", MuxedOnly = true, PoTokenProtocols = ["https", "hls", "dash"],
        },
        new()
        {
            Name = "tv", ClientName = "TVHTML5", ClientId = 7, ClientVersion = "7.20260707.07.00",
            UserAgent = "Mozilla/5.0 (ChromiumStylePlatform) Cobalt/25.lts.30.1034943-gold (unlike Gecko), Unknown_TV_Unknown_0/Unknown (Unknown, Unknown)",
            NeedsPlayerJs = true, ServesMadeForKids = true,
        },
        new()
        {
            Name = "web-embedded", ClientName = "WEB_EMBEDDED_PLAYER", ClientId = 56, ClientVersion = "2.20260708.00.00",
            EmbedUrl = "https://www.google.com/", NeedsPlayerJs = true, ServesMadeForKids = true,
        },
    ];

    /// <summary>How long the visitor data of <c>/youtubei/v1/visitor_id</c> is used before it is asked for again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan VisitorDataTtl { get; set; } = TimeSpan.FromHours(6);

    /// <summary><c>Platforms:YouTube:PoToken</c>: where PO tokens come from, for the clients whose policy needs them.</summary>
    public PoTokenOptions PoToken { get; set; } = new();

    /// <summary>
    /// Ask the first muxed-only client (the muxed itag 18) at the same time as the first full client
    /// rather than after it: one round trip less per new video, at the price of a call that goes
    /// unused when the video is dead or the first client had a muxed format of its own.
    /// </summary>
    public bool AskMuxedClientEarly { get; set; } = true;

    /// <summary>
    /// Make one WEB <c>next</c> call per video (alongside the player calls, cached with the video)
    /// for its like count and, where the player response lacks it, its upload date.
    /// </summary>
    public bool LikesFromWatchNext { get; set; } = true;

    /// <summary>
    /// Make one WEB <c>player</c> call per video asking only for its microformat (<c>$fields</c>),
    /// alongside <c>next</c>, for what mobile clients omit: category, upload date, view count.
    /// </summary>
    public bool MicroformatFromWeb { get; set; } = true;

    /// <summary>How long the player version named by <c>/iframe_api</c> is trusted before it is looked up again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan PlayerVersionTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a player's extracted transforms are kept (a version never changes; YouTube moves to new ones).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan PlayerFunctionsTtl { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long a player that could not be fetched is not asked for again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PlayerFailureTtl { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan PlayerDownloadTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Limits on the player's transforms when they run in Jint: they are a third party's code.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PlayerScriptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    [Range(1L * 1024 * 1024, 4L * 1024 * 1024 * 1024)]
    public long PlayerScriptMaxMemoryBytes { get; set; } = 64L * 1024 * 1024;

    [Range(1_000, int.MaxValue)]
    public int PlayerScriptMaxStatements { get; set; } = 5_000_000;

    [Range(16, 100_000)]
    public int PlayerScriptMaxRecursion { get; set; } = 256;

    public IReadOnlyList<InnerTubeClientProfile> EffectiveClients => Clients.Count > 0 ? Clients : DefaultClients;

    /// <summary>The PO token settings and each configured client, which are sections of their own.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        NestedOptions.Validate(PoToken, nameof(PoToken))
            .Concat(Clients.SelectMany((client, index) => NestedOptions.Validate(client, $"{nameof(Clients)}:{index}")));
}
