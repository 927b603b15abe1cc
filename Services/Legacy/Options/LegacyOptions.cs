using System.ComponentModel.DataAnnotations;

namespace VideoPlatform.Legacy.Options;

/// <summary>Legacy's settings (section <c>Legacy</c>), bound and validated once at start.</summary>
internal sealed class LegacyOptions
{
    public const string Section = "Legacy";

    /// <summary>
    /// Streaming's address as players can reach it (a deployment's public host name); proxied and
    /// HLS redirects point here. Unset: the address service discovery was given for streaming.
    /// </summary>
    [Url]
    public string? StreamingPublicUrl { get; set; }

    /// <summary>How long a video known to be unplayable answers 403 without asking upstream; 0 turns this off.</summary>
    [Range(0, 24 * 60)]
    public double DeadVideoMinutes { get; set; } = 10;

    /// <summary>How long a resolved stream is kept for the next player; 0 turns the stream cache off.</summary>
    [Range(0, 3600)]
    public double StreamCacheSeconds { get; set; } = 60;
}
