using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;
using VideoPlatform.Legacy.Options;
using VideoPlatform.Legacy.Upstream;

namespace VideoPlatform.Legacy.Streams;

/// <summary>
/// Remembers for a while (<c>Legacy:DeadVideoMinutes</c>, default 10; 0 turns this off) that a video cannot be
/// played: players retry a failed load in a loop, and each retry would otherwise reach YouTube
/// through metadata and get us bot-checked. A remembered video answers 403 at once.
/// </summary>
internal sealed class DeadVideos(IMemoryCache cache, IOptions<LegacyOptions> options)
{
    private static readonly HashSet<string> DeadCodes =
    [
        ErrorCodes.VideoUnavailable, ErrorCodes.VideoPrivate, ErrorCodes.LoginRequired, ErrorCodes.AgeRestricted,
        ErrorCodes.MembersOnly, ErrorCodes.PaymentRequired, ErrorCodes.GeoRestricted,
    ];

    private readonly TimeSpan _remembered = TimeSpan.FromMinutes(options.Value.DeadVideoMinutes);

    public void ThrowIfKnownDead(LocatedVideo video)
    {
        if (cache.TryGetValue(Key(video), out ProblemException? dead) && dead is not null)
        {
            throw new ProblemException(dead.Code, dead.Message) { Status = dead.Status };
        }
    }

    public void Remember(LocatedVideo video, Exception exception)
    {
        if (_remembered > TimeSpan.Zero && LegacyProblems.Classify(exception) is { } problem && DeadCodes.Contains(problem.Code))
        {
            cache.Set(Key(video), problem, _remembered);
        }
    }

    public void Forget(LocatedVideo video) => cache.Remove(Key(video));

    private static string Key(LocatedVideo video) => $"legacy:dead:{video.Platform}:{video.VideoId}";
}
