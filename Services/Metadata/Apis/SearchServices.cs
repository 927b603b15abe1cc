using Microsoft.Extensions.Options;
using VideoPlatform.Metadata.Caching;
using VideoPlatform.Metadata.Extractors;

namespace VideoPlatform.Metadata.Apis;

/// <summary>What search is served from, taken with <c>[AsParameters]</c>.</summary>
internal sealed record SearchServices(IEnumerable<ISearchSource> Sources, VideoCache Cache, IOptions<MetadataCacheOptions> CacheOptions);
