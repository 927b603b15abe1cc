namespace VideoPlatform.Legacy.Apis;

/// <summary>How legacy names itself in banners, version and meta answers.</summary>
internal static class ApiIdentity
{
    public const string Name = "Video Streaming API";
    public const string Version = "3.0.0";
    public const string Description = "Compatibility front of the video platform: the seed's routes, answered by the metadata and streaming services.";
}
