using VideoPlatform.Metadata.Caching;
using VideoPlatform.Metadata.Extractors;

namespace VideoPlatform.Metadata.Apis;

/// <summary>What the routes of one video (its details, formats and captions) are served from, taken with <c>[AsParameters]</c>.</summary>
internal sealed record VideoServices(ExtractorRegistry Registry, VideoCache Cache);
