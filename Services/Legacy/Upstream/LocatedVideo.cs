namespace VideoPlatform.Legacy.Upstream;

/// <summary>A video a legacy URL points at.</summary>
internal sealed record LocatedVideo(string Platform, string VideoId);
