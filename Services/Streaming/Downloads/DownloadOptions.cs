using System.ComponentModel.DataAnnotations;

namespace VideoPlatform.Streaming.Downloads;

/// <summary><c>Downloads</c> section.</summary>
public sealed class DownloadOptions
{
    public const string SectionName = "Downloads";

    /// <summary>Where finished files are kept; a directory under the temp folder by default.</summary>
    [Required]
    public string Directory { get; set; } = Path.Combine(Path.GetTempPath(), "video-platform-downloads");

    /// <summary>Jobs running at once; the rest wait their turn.</summary>
    [Range(1, 64)]
    public int MaxConcurrent { get; set; } = 2;

    /// <summary>Total size of kept files; the oldest are removed beyond it.</summary>
    [Range(typeof(long), "1048576", "9223372036854775807")]
    public long MaxStorageBytes { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <summary>How long a finished file is kept.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How often a replica looks for jobs to resume (unfinished and held by no replica, as a
    /// replica that died leaves them) and for jobs and files past their retention or the quota.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest one job may run before it is stopped.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromHours(1);
}
