using VideoPlatform.Legacy.Upstream;
namespace VideoPlatform.Legacy.Streams;

/// <summary>
/// The address players are sent to for streaming's proxied and HLS output: a player, unlike
/// legacy, cannot resolve <c>http://streaming</c>. <c>Legacy:StreamingPublicUrl</c> when set (a
/// deployment's public host name), else the address service discovery was given for streaming
/// (<c>services:streaming:http:0</c>, the local run's port).
/// </summary>
internal sealed class StreamingPublicAddress(IConfiguration configuration)
{
    public const string StreamingPublicUrlKey = "Legacy:StreamingPublicUrl";

    private Uri? Root =>
        Parse(configuration[StreamingPublicUrlKey])
        ?? Parse(configuration["services:streaming:http:0"])
        ?? Parse(configuration["services:streaming:https:0"]);

    /// <summary>An absolute URL on streaming's public address for a path (with query) streaming returned.</summary>
    public string For(string pathAndQuery)
    {
        var root = Root ?? throw new DependencyUnavailableException("streaming",
            new InvalidOperationException($"No public address is configured for the streaming service ({StreamingPublicUrlKey})."));
        return new Uri(root, pathAndQuery).ToString();
    }

    private static Uri? Parse(string? value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
}
