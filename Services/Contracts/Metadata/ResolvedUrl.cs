namespace VideoPlatform.Contracts.Metadata;

/// <summary>Answer of <c>GET /api/v2/resolve?url=</c>: what a URL points at, found without an upstream call.</summary>
/// <param name="Platform">Platform name, e.g. <c>youtube</c>.</param>
/// <param name="Kind"><c>video</c>, <c>playlist</c> or <c>channel</c>.</param>
/// <param name="Id">The id on that platform.</param>
public sealed record ResolvedUrl(string Platform, string Kind, string Id);
