namespace VideoPlatform.Streaming.Downloads;

/// <summary><c>Downloads</c> section.</summary>
public sealed class DownloadOptions
{
    public const string SectionName = "Downloads";

    /// <summary>Where finished files are kept; a directory under the temp folder by default.</summary>
    public string Directory { get; set; } = Path.Combine(Path.GetTempPath(), "video-platform-downloads");

    /// <summary>Jobs running at once; the rest wait their turn.</summary>
    public int MaxConcurrent { get; set; } = 2;

    /// <summary>Total size of kept files; the oldest are removed beyond it.</summary>
    public long MaxStorageBytes { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <summary>How long a finished file is kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The longest one job may run before it is stopped.</summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromHours(1);
}
