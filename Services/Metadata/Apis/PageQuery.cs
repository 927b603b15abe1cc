using Microsoft.AspNetCore.Mvc;
using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Apis;

/// <summary><c>?limit=</c> and <c>?cursor=</c> of the paged routes (playlists, channels), taken with <c>[AsParameters]</c>.</summary>
internal sealed record PageQuery([FromQuery(Name = "limit")] int? Limit, [FromQuery(Name = "cursor")] string? Cursor)
{
    public const int MaxLimit = 1000;

    /// <summary>The page size asked for, 100 by default, or a 400.</summary>
    public int CheckedLimit => Limit is null ? 100
        : Limit is >= 1 and <= MaxLimit ? Limit.Value
        : throw new ProblemException(ErrorCodes.InvalidRequest, $"limit must be between 1 and {MaxLimit}.");

    public string? CheckedCursor => Checked(Cursor);

    /// <summary>A continuation cursor as this API hands them out, or a 400.</summary>
    public static string? Checked(string? cursor) => cursor is null ? null
        : cursor.Length <= 2048 && cursor.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '=' or '%') ? cursor
        : throw new ProblemException(ErrorCodes.InvalidRequest, "The cursor is not one this API gave out.");
}
