using System.Net;
using Refit;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Streaming.Resolution;

/// <summary>A caller's video URL turned into (platform, id) by the metadata service, for every route that takes a URL.</summary>
public static class VideoUrls
{
    /// <summary>The video <paramref name="url"/> names; <c>invalid_url</c> when it is not a supported video's, metadata's own problem otherwise.</summary>
    public static async Task<ResolvedUrl> ResolveVideoAsync(this IMetadataApi metadata, string url, CancellationToken cancellationToken)
    {
        ResolvedUrl resolved;
        try
        {
            resolved = await metadata.ResolveAsync(url, cancellationToken);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.BadRequest)
        {
            throw new ProblemException(ErrorCodes.InvalidUrl, $"'{url}' is not a supported video URL.", ex);
        }
        catch (ApiException ex)
        {
            throw DependencyProblems.Relay(ex, "metadata");
        }
        return resolved.Kind == "video"
            ? resolved
            : throw new ProblemException(ErrorCodes.InvalidUrl, $"That URL points at a {resolved.Kind}, not a video.");
    }
}
