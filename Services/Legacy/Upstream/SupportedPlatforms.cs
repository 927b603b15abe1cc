using Microsoft.Extensions.Caching.Hybrid;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Legacy.Upstream;

/// <summary>
/// The platforms metadata extracts from, as banners and meta answers list them: asked of metadata
/// and kept ten minutes, so the lists follow what is deployed instead of a constant.
/// </summary>
internal sealed class SupportedPlatforms(IMetadataApi metadata, HybridCache cache)
{
    private static readonly HybridCacheEntryOptions Kept = new()
    {
        Expiration = TimeSpan.FromMinutes(10),
        LocalCacheExpiration = TimeSpan.FromMinutes(10),
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    /// <summary>The names metadata says it supports; empty (not an error) while metadata cannot be asked.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await cache.GetOrCreateAsync("legacy:platforms", async token =>
                    (await metadata.GetPlatformsAsync(token)).Platforms.Where(p => p.Status == "supported").Select(p => p.Name).ToArray(),
                Kept, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (LegacyProblems.Classify(ex) is not null)
        {
            return [];
        }
    }
}
