namespace VideoPlatform.Contracts.Metadata;

/// <summary>Body of <c>POST /api/v2/videos/info</c>.</summary>
public sealed record VideoUrlRequest(string? Url);

/// <summary>Body of <c>POST /api/v2/videos/batch/info</c>.</summary>
public sealed record BatchInfoRequest(IReadOnlyList<string>? Urls);

/// <summary>Answer of <c>POST /api/v2/videos/batch/info</c>: one item per URL, in order.</summary>
public sealed record BatchInfoResponse(int Succeeded, int Failed, IReadOnlyList<BatchInfoItem> Items);

public sealed record BatchInfoItem(string Url, bool Success, VideoInfo? Video, BatchInfoError? Error);

public sealed record BatchInfoError(string Code, string Detail);
