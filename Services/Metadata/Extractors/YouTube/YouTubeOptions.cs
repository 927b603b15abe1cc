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
    ];

    public IReadOnlyList<InnerTubeClientProfile> EffectiveClients => Clients.Count > 0 ? Clients : DefaultClients;
}
