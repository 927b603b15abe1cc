using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Legacy.Upstream;

/// <summary>
/// Turns a pasted URL into (platform, id) by asking metadata's <c>/api/v2/resolve</c>: metadata
/// owns the one URL table, so legacy recognises exactly the links the rest of the platform does
/// (the seed had four slightly different detectors; see seed-api.md §2).
/// </summary>
internal sealed class VideoLocator(IServiceProvider services, Streams.RecentStreams recent)
{
    // Resolved when metadata is asked, not with every request: most pasted URLs were located
    // lately, and resolving the typed client builds an HttpClient and its handler chain each time.
    private IMetadataApi Metadata => services.GetRequiredService<IMetadataApi>();

    public async ValueTask<LocatedVideo> LocateAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new ProblemException(ErrorCodes.InvalidUrl, "Invalid or missing video URL.");
        }
        return await recent.LocateAsync(url, (Locator: this, url), static async (s, token) =>
        {
            var resolved = await s.Locator.Metadata.ResolveAsync(s.url, token);
            if (resolved.Kind != "video")
            {
                throw new ProblemException(ErrorCodes.InvalidUrl, $"The URL points at a {resolved.Kind}, not a video.");
            }
            return new LocatedVideo(resolved.Platform, resolved.Id);
        }, cancellationToken);
    }
}
