namespace VideoPlatform.Legacy.Vrchat;

/// <summary>Which in-world video player asked: they differ in what they can play.</summary>
internal enum PlayerKind
{
    /// <summary>Unknown player: prefer progressive MP4, fall back to whatever plays.</summary>
    Auto,

    /// <summary>AVPro Video (VRChat's default, Quest/Android ExoPlayer): progressive MP4 or HLS.</summary>
    AvPro,

    /// <summary>Unity's VideoPlayer: progressive MP4 only.</summary>
    Unity,
}
