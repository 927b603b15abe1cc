namespace VideoPlatform.Legacy.Upstream;

/// <summary>
/// Where the services legacy depends on are: the addresses Aspire-style service discovery
/// injects (<c>services:&lt;name&gt;:http:0</c>), and the public address of streaming that
/// players are redirected to (<c>Legacy:StreamingPublicUrl</c>, defaulting to the discovered one).
/// </summary>
internal sealed class ServiceAddresses(IConfiguration configuration)
{
    public const string StreamingPublicUrlKey = "Legacy:StreamingPublicUrl";

    /// <summary>The discovered internal address of <paramref name="service"/>, e.g. <c>http://127.0.0.1:5102/</c>.</summary>
    public Uri? Internal(string service)
    {
        var value = configuration[$"services:{service}:http:0"] ?? configuration[$"services:{service}:https:0"];
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
    }

    /// <summary>Base URL a player can reach streaming at.</summary>
    public Uri? StreamingPublic =>
        Uri.TryCreate(configuration[StreamingPublicUrlKey], UriKind.Absolute, out var uri) ? uri : Internal("streaming");

    /// <summary>An absolute URL on streaming's public address for a path (with query) streaming returned.</summary>
    public string StreamingUrl(string pathAndQuery)
    {
        var root = StreamingPublic ?? throw new DependencyUnavailableException("streaming",
            new InvalidOperationException("No address is configured for the streaming service."));
        return new Uri(root, pathAndQuery).ToString();
    }
}
