using System.Diagnostics.CodeAnalysis;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors;

/// <summary>Finds the extractor of a platform name or of a pasted URL.</summary>
public sealed class ExtractorRegistry(IEnumerable<IVideoExtractor> extractors, IEnumerable<IShortLinkResolver> shortLinks)
{
    private readonly IShortLinkResolver[] _shortLinks = [.. shortLinks];

    private readonly Dictionary<string, IVideoExtractor> _byName =
        extractors.ToDictionary(e => e.Platform.Name, StringComparer.OrdinalIgnoreCase);

    public IEnumerable<IVideoExtractor> All => _byName.Values;

    /// <summary>The served platforms, then the known ones not served here; fixed for the process, so built once.</summary>
    public PlatformList Platforms => field ??= new PlatformList(
        [.. All.Select(e => e.Platform), .. PlatformCatalog.Known.Where(p => !_byName.ContainsKey(p.Name))]);

    public bool TryGet(string platform, [NotNullWhen(true)] out IVideoExtractor? extractor) =>
        _byName.TryGetValue(platform, out extractor);

    /// <summary>The extractor of <paramref name="platform"/> for a well-formed <paramref name="videoId"/>, or the 400 saying which is wrong.</summary>
    public IVideoExtractor Find(string platform, string videoId)
    {
        if (!TryGet(platform, out var extractor))
        {
            throw new ProblemException(ErrorCodes.UnsupportedPlatform, $"Platform '{Truncate(platform, 40)}' is not supported; see /api/v2/platforms.");
        }
        return extractor.IsValidVideoId(videoId)
            ? extractor
            : throw new ProblemException(ErrorCodes.InvalidVideoId, $"That is not a valid {extractor.Platform.DisplayName} video id.");
    }

    /// <summary>The extractor and id of the video a pasted URL points at; a 400 when it points at anything else.</summary>
    public async Task<(IVideoExtractor Extractor, string VideoId)> FindVideoAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new ProblemException(ErrorCodes.InvalidUrl, "A 'url' is required.");
        }
        var resolved = await ResolveAsync(url, cancellationToken);
        if (resolved.Kind != "video")
        {
            throw new ProblemException(ErrorCodes.InvalidUrl, $"'{Truncate(url)}' points at a {resolved.Kind}, not a video.");
        }
        return (Find(resolved.Platform, resolved.Id), resolved.Id);
    }

    /// <summary>Resolves a URL (or a bare id of a platform that allows them) to platform, kind and id.</summary>
    public ResolvedUrl Resolve(string input)
    {
        if (input.Length > 2048)
        {
            throw new ProblemException(ErrorCodes.InvalidUrl, "The URL is longer than 2048 characters.");
        }
        if (_byName.Values.FirstOrDefault(e => e.ClaimsBareVideoIds && e.IsValidVideoId(input.Trim())) is { } claimant)
        {
            return new ResolvedUrl(claimant.Platform.Name, "video", input.Trim());
        }

        if (!Uri.TryCreate(input.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new ProblemException(ErrorCodes.InvalidUrl, $"'{Truncate(input)}' is not an http(s) URL.");
        }

        foreach (var extractor in _byName.Values)
        {
            if (extractor.TryResolve(url, out var resolved))
            {
                return resolved;
            }
        }

        throw new ProblemException(ErrorCodes.UnsupportedPlatform, $"No supported platform recognises '{url.Host}' URLs of this form.");
    }

    /// <summary>
    /// <see cref="Resolve"/>, plus short links (<see cref="IShortLinkResolver"/>), which cost one
    /// request to the platform's short-link service.
    /// </summary>
    public async Task<ResolvedUrl> ResolveAsync(string input, CancellationToken cancellationToken)
    {
        if (input.Length <= 2048 && Uri.TryCreate(input.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            && _shortLinks.FirstOrDefault(s => s.Recognises(url)) is { } shortLink)
        {
            return await shortLink.ResolveAsync(url, cancellationToken);
        }
        return Resolve(input);
    }

    private static string Truncate(string value, int length = 200) => value.Length <= length ? value : value[..length] + "…";
}
