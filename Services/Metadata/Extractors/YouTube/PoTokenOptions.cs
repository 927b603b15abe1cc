using System.ComponentModel.DataAnnotations;
using VideoPlatform.Metadata.Extensions;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// <c>Platforms:YouTube:PoToken</c>: a bgutil-compatible PO token provider (an HTTP server that
/// mints tokens by running BotGuard, which this service cannot). Without one, the clients whose
/// media need a token are not used for what needs it.
/// </summary>
public sealed class PoTokenOptions
{
    /// <summary>The provider's base address, e.g. <c>http://127.0.0.1:4416</c>; tokens come from <c>POST {ProviderUrl}/get_pot</c>.</summary>
    [HttpUrl]
    public Uri? ProviderUrl { get; set; }

    /// <summary>How long one call to the provider may take before the token-free clients are used instead.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a token without an <c>expiresAt</c> is used.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long, after the provider failed, it is not asked again (the token-free clients serve meanwhile).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromMinutes(1);
}
