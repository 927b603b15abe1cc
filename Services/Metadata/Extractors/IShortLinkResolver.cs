using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors;

/// <summary>
/// A platform's short links (such as <c>b23.tv/{code}</c>), which only the platform can expand:
/// unlike <see cref="IVideoExtractor.TryResolve"/>, resolving one costs an upstream request.
/// Registered beside the platform's extractor; <see cref="ExtractorRegistry.ResolveAsync"/> asks it first.
/// </summary>
public interface IShortLinkResolver
{
    /// <summary>True when <paramref name="url"/> is on this resolver's short-link host (whatever its path).</summary>
    bool Recognises(Uri url);

    /// <summary>Expands the link and resolves where it leads; a link that leads elsewhere is <c>invalid_url</c>.</summary>
    Task<ResolvedUrl> ResolveAsync(Uri url, CancellationToken cancellationToken);
}
