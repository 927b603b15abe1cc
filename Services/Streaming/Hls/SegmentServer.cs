using System.Text;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Metrics;
using VideoPlatform.Streaming.Proxy;
using VideoPlatform.Streaming.Resolution;

namespace VideoPlatform.Streaming.Hls;

/// <summary>
/// Answers what a signed token names: a playlist, fetched through the proxy and rewritten so that
/// its entries are signed tokens too, or a media file, proxied with Range (a DASH manifest's file
/// resolved again when its URL has expired or is refused). The segment route and the downloads'
/// loopback relay both serve through it, so nothing a token names is fetched any other way.
/// </summary>
public sealed class SegmentServer(SegmentTokens tokens, MediaProxy proxy, StreamResolver resolver, StreamMetricsCollector metrics, TimeProvider time)
{
    public const string PlaylistContentType = "application/vnd.apple.mpegurl";

    public async Task ServeAsync(HttpContext context, string? token)
    {
        var entry = tokens.Verify(token);
        metrics.RequestStarted(entry.File is null ? "hls" : "dash", "segment");
        if (entry.File is null && PlaylistRewriter.IsPlaylist(entry.Url, null))
        {
            await WritePlaylistAsync(context, entry.Url, entry.Headers);
            return;
        }
        var current = new ResolvedStream
        {
            Platform = entry.File?.Platform ?? "segment",
            VideoId = entry.File?.VideoId ?? "",
            StreamUrl = entry.Url.ToString(),
            Format = new VideoFormat { FormatId = entry.File?.FormatId ?? "segment", Url = entry.Url.ToString(), Ext = "ts", HttpHeaders = entry.Headers },
        };
        Func<CancellationToken, Task<ResolvedStream>>? reResolve = null;
        if (entry.File is { } file)
        {
            // A format's file: a refused URL is resolved again (and a URL known to have expired
            // before it is even tried). The proxy counts the first kind; the second is counted
            // when it had to ask metadata, not on every request after the expiry.
            reResolve = async cancellation =>
            {
                (current, _) = await ResolveFileAsync(file, refused: new Uri(current.StreamUrl), cancellation);
                return current;
            };
            if (entry.UrlExpiresAt is { } expires && expires <= time.GetUtcNow())
            {
                (current, var askedAgain) = await ResolveFileAsync(file, refused: entry.Url, context.RequestAborted);
                if (askedAgain)
                {
                    metrics.ReResolved();
                }
            }
        }
        await proxy.ProxyAsync(context, current, reResolve);
    }

    /// <summary>
    /// Fetches the playlist at <paramref name="url"/> (at most 4 MiB), checks it against the
    /// rewriter's bounds, and writes it rewritten to the response as it is produced.
    /// </summary>
    public async Task WritePlaylistAsync(HttpContext context, Uri url, IReadOnlyDictionary<string, string> headers)
    {
        var playlist = await proxy.FetchTextAsync(url, headers, context.RequestAborted);
        if (!playlist.TrimStart().StartsWith("#EXTM3U", StringComparison.Ordinal))
        {
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, "The upstream playlist is not an HLS playlist.");
        }
        PlaylistRewriter.Measure(playlist, url, headers.Sum(h => h.Key.Length + h.Value.Length + 6));

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = PlaylistContentType;
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), bufferSize: 16 * 1024);
        await PlaylistRewriter.WriteAsync(playlist, url, entry => tokens.Sign(entry, headers), writer, context.RequestAborted);
    }

    /// <summary>
    /// The current URL of a format a manifest named: from the formats this service holds, or, when
    /// they still give the URL that was <paramref name="refused"/>, asked of metadata afresh (which
    /// extracts again unless its formats are younger than its <c>RefreshAfter</c>). Says whether it asked.
    /// </summary>
    private async Task<(ResolvedStream Stream, bool AskedAgain)> ResolveFileAsync(MediaFile file, Uri refused, CancellationToken cancellationToken)
    {
        var format = Find(await resolver.GetFormatsAsync(file.Platform, file.VideoId, fresh: false, cancellationToken));
        var askedAgain = format is null || (Uri.TryCreate(format.Url, UriKind.Absolute, out var held) && held == refused);
        if (askedAgain)
        {
            format = Find(await resolver.GetFormatsAsync(file.Platform, file.VideoId, fresh: true, cancellationToken));
        }
        if (format is null)
        {
            throw new ProblemException(ErrorCodes.NoMatchingFormat,
                $"{file.Platform}/{file.VideoId} no longer offers format {file.FormatId}; ask for the manifest again.")
            { Status = StatusCodes.Status410Gone };
        }
        return (new ResolvedStream { Platform = file.Platform, VideoId = file.VideoId, StreamUrl = format.Url, Format = format }, askedAgain);

        VideoFormat? Find(FormatList formats) => resolver.Playable(formats).FirstOrDefault(file.Names);
    }
}
