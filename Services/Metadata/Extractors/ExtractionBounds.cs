using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors;

/// <summary>
/// How much of one extraction this service keeps. Past these a platform answer is not a video
/// but an attack or a fault: it would make answers of tens of megabytes, too large for the cache
/// (and so extracted again on every request) and for every caller. The caller gets an
/// <c>upstream_unavailable</c> problem instead. Real videos stay far below: YouTube's with every
/// dubbed track have about 150 formats.
/// </summary>
internal static class ExtractionBounds
{
    public const int MaxFormats = 500;
    public const int MaxListEntries = 1000;
    public const int MaxTextLength = 50_000;

    public static VideoInfo Check(VideoInfo info)
    {
        Count("formats", info.Formats.Count, MaxFormats);
        Count("thumbnails", info.Thumbnails.Count, MaxListEntries);
        Count("keywords", info.Keywords.Count, MaxListEntries);
        Count("caption tracks", info.Captions.Count, MaxListEntries);
        Count("caption languages", info.CaptionTranslations.Count, MaxListEntries);
        Count("chapters", info.Chapters.Count, MaxListEntries);
        Count("characters of title", info.Title.Length, MaxTextLength);
        Count("characters of description", info.Description?.Length ?? 0, MaxTextLength);
        return info;
    }

    public static FormatList Check(FormatList formats)
    {
        Count("formats", formats.Formats.Count, MaxFormats);
        return formats;
    }

    private static void Count(string what, int count, int bound)
    {
        if (count > bound)
        {
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, $"The platform answered {count} {what}; this service accepts at most {bound}.");
        }
    }
}
