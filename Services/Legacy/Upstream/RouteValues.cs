using System.Text.RegularExpressions;
using VideoPlatform.Contracts;

namespace VideoPlatform.Legacy.Upstream;

/// <summary>
/// Checks platform and video ids taken from a legacy path before they are used, echoed in a
/// header or passed on: a value carrying CR/LF or other control characters is a 400, never a 500.
/// </summary>
internal static partial class RouteValues
{
    public static void EnsureSafe(string platform, string videoId, string? quality = null)
    {
        if (!Platform().IsMatch(platform))
        {
            throw new ProblemException(ErrorCodes.UnsupportedPlatform, "Unsupported platform");
        }
        if (!VideoId().IsMatch(videoId))
        {
            throw new ProblemException(ErrorCodes.InvalidVideoId, "Invalid video id");
        }
        if (quality is not null && !Quality().IsMatch(quality))
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, "Invalid quality");
        }
    }

    [GeneratedRegex("^[a-z]{2,20}$")]
    private static partial Regex Platform();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex VideoId();

    [GeneratedRegex("^[A-Za-z0-9]{1,16}$")]
    private static partial Regex Quality();
}
