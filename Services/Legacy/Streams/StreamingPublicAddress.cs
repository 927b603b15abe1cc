using Microsoft.Extensions.Options;
using VideoPlatform.Legacy.Options;
using VideoPlatform.Legacy.Upstream;

namespace VideoPlatform.Legacy.Streams;

/// <summary>
/// The address players are sent to for streaming's proxied and HLS output: a player, unlike
/// legacy, cannot resolve <c>http://streaming</c>. <c>Legacy:StreamingPublicUrl</c> when set (a
/// deployment's public host name), else the address service discovery was given for streaming
/// (<c>services:streaming:http:0</c>, the local run's port). Read once, at the first redirect.
/// </summary>
internal sealed class StreamingPublicAddress(IOptions<LegacyOptions> options, IConfiguration configuration)
{
    private readonly Uri? _root =
        Parse(options.Value.StreamingPublicUrl)
        ?? Parse(configuration["services:streaming:http:0"])
        ?? Parse(configuration["services:streaming:https:0"]);

    /// <summary>An absolute URL on streaming's public address for a path (with query) streaming returned.</summary>
    public string For(string pathAndQuery)
    {
        var root = _root ?? throw new DependencyUnavailableException("streaming",
            new InvalidOperationException($"No public address is configured for the streaming service ({LegacyOptions.Section}:{nameof(LegacyOptions.StreamingPublicUrl)})."));
        return new Uri(root, pathAndQuery).ToString();
    }

    private static Uri? Parse(string? value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
}
