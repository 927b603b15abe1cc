using Microsoft.AspNetCore.Mvc;

namespace VideoPlatform.Metadata.Apis;

/// <summary>The query of <c>GET /api/v2/search</c>, taken with <c>[AsParameters]</c>; the handler checks it.</summary>
internal sealed record SearchQuery(
    [FromQuery(Name = "platform")] string? Platform,
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "type")] string? Type,
    [FromQuery(Name = "cursor")] string? Cursor);
