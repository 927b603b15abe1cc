namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary><c>Platforms:YouTube</c>: where YouTube is and which InnerTube clients to ask, in order.</summary>
public sealed class YouTubeOptions
{
    public const string SectionName = "Platforms:YouTube";

    /// <summary><c>https://www.youtube.com</c>; tests point it at a fake.</summary>
    public Uri BaseUrl { get; set; } = new("https://www.youtube.com");

    public string Language { get; set; } = "en";

    public string Region { get; set; } = "US";

    /// <summary>
    /// The fallback chain: clients that return direct (unciphered) URLs first. When configured,
    /// replaces the built-in chain entirely.
    /// </summary>
    public List<InnerTubeClientProfile> Clients { get; set; } = [];

    /// <summary>The chain as of 2026-11 (see shared/reference/youtube-extraction.md §2.5–2.6).</summary>
    public static IReadOnlyList<InnerTubeClientProfile> DefaultClients { get; } =
    [
        new()
        {
            Name = "visionos", ClientName = "VISIONOS", ClientId = 101, ClientVersion = "1.02",
            UserAgent = "com.google.visionos.youtube/1.02 (RealityDevice14,1; U; CPU visionOS 25_6_0 like Mac OS X; GB)",
            DeviceMake = "Apple", DeviceModel = "RealityDevice14,1", OsName = "visionOS", OsVersion = "25.6.0.23O471", Platform = "MOBILE",
        },
        new()
        {
            Name = "android-reel", ClientName = "ANDROID", ClientId = 3, ClientVersion = "21.03.36",
            UserAgent = "com.google.android.youtube/21.03.36 (Linux; U; Android 11) gzip",
            OsName = "Android", OsVersion = "11", Platform = "MOBILE", AndroidSdkVersion = 30,
            Endpoint = "reel", MuxedOnly = true,
        },
        new()
        {
            Name = "android-vr", ClientName = "ANDROID_VR", ClientId = 28, ClientVersion = "1.65.10",
            UserAgent = "com.google.android.apps.youtube.vr.oculus/1.65.10 (Linux; U; Android 12L; eureka-user Build/SQ3A.220605.009.A1) gzip",
            DeviceMake = "Oculus", DeviceModel = "Quest 3", OsName = "Android", OsVersion = "12L", Platform = "MOBILE", AndroidSdkVersion = 32,
        },
        // Needs the player's JavaScript (signatureCipher and n) but no PO token: the last resort.
        new()
        {
            Name = "tv", ClientName = "TVHTML5", ClientId = 7, ClientVersion = "7.20260707.07.00",
            UserAgent = "Mozilla/5.0 (ChromiumStylePlatform) Cobalt/25.lts.30.1034943-gold (unlike Gecko), Unknown_TV_Unknown_0/Unknown (Unknown, Unknown)",
            NeedsPlayerJs = true,
        },
    ];

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

    /// <summary>How long the player version named by <c>/iframe_api</c> is trusted before it is looked up again.</summary>
    public TimeSpan PlayerVersionTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a player's extracted transforms are kept (a version never changes; YouTube moves to new ones).</summary>
    public TimeSpan PlayerFunctionsTtl { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long a player that could not be fetched is not asked for again.</summary>
    public TimeSpan PlayerFailureTtl { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan PlayerDownloadTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Limits on the player's transforms when they run in Jint: they are a third party's code.</summary>
    public TimeSpan PlayerScriptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public long PlayerScriptMaxMemoryBytes { get; set; } = 64L * 1024 * 1024;

    public int PlayerScriptMaxStatements { get; set; } = 5_000_000;

    public int PlayerScriptMaxRecursion { get; set; } = 256;

    public IReadOnlyList<InnerTubeClientProfile> EffectiveClients => Clients.Count > 0 ? Clients : DefaultClients;
}
