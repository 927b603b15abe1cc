using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Metrics;

namespace VideoPlatform.Streaming.Proxy;

/// <summary>
/// Streams a chosen format's bytes to the client: <c>Range</c>, <c>If-Range</c> and <c>HEAD</c>
/// passed through, the body copied as it arrives (never buffered whole), the platform's headers
/// sent upstream and none of the upstream's own headers leaked back beyond what a player needs.
/// Only allow-listed hosts are contacted, redirects included. A client that goes away cancels the
/// upstream request at once; an upstream that breaks or stalls once bytes were sent cuts the
/// response short (see <see cref="BodyCopier"/>).
/// </summary>
public sealed partial class MediaProxy(
    IHttpClientFactory clients,
    MediaHostPolicy policy,
    BodyCopier copier,
    StreamMetricsCollector metrics,
    IOptions<StreamingOptions> options,
    ILogger<MediaProxy> logger)
{
    public const string ClientName = "media";
    private const int MaxRedirects = 3;
    private const int MaxPlaylistBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Proxies <paramref name="stream"/>. When the upstream refuses the URL as expired (403/410)
    /// and nothing was sent yet, <paramref name="reResolve"/> is asked once for a fresh one.
    /// <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp) is when the request
    /// arrived, so that time to first byte includes resolving the stream. From a host on
    /// <c>Streaming:ChunkedMediaHosts</c>, a whole file or a large range is fetched in
    /// <c>Streaming:UpstreamChunkBytes</c> ranges one after another (see <see cref="ProxyInChunksAsync"/>).
    /// </summary>
    public async Task ProxyAsync(HttpContext context, ResolvedStream stream, Func<CancellationToken, Task<ResolvedStream>>? reResolve, long? startedAt = null)
    {
        var started = startedAt ?? Stopwatch.GetTimestamp();
        var aborted = context.RequestAborted;
        var range = context.Request.Headers.Range.ToString();
        var match = ValidRange().Match(range);
        if (range.Length > 0 && !match.Success)
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, "Only a single byte range (bytes=a-b, bytes=a-, bytes=-n) is supported.") { Status = 416 };
        }

        using var active = metrics.StreamOpened();
        if (ChunkedSpan(context, stream, match) is { } span)
        {
            await ProxyInChunksAsync(context, stream, reResolve, span.Start, span.End, clientRanged: range.Length > 0, started);
            return;
        }

        var first = await SendAsync(context, stream, aborted);
        using var response = first.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Gone && reResolve is not null
            ? await RetryFreshAsync(first, context, reResolve, aborted)
            : first;
        await RelayAsync(context, response, stream, started);
    }

    /// <summary>Answers the client with one upstream response: its status, the headers a player needs, its body as it arrives.</summary>
    private async Task RelayAsync(HttpContext context, HttpResponseMessage response, ResolvedStream stream, long started)
    {
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, $"The media host answered {(int)response.StatusCode}.");
        }

        context.Response.StatusCode = (int)response.StatusCode;
        UpstreamHeaders.CopyTo(context, response, lengthAndRange: true);
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }
        try
        {
            await CopyBodyAsync(context, response, stream, started);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            LogClientLeft(logger, stream.Platform, stream.VideoId, BodyCopyOutcome.ClientLeft);
        }
    }

    /// <summary>
    /// Which bytes to fetch in chunks, or null to pass the request through as it is: only GETs of
    /// a chunked host without If-Range, for the whole file, an open range, or a range larger than
    /// one chunk. YouTube throttles un-ranged and very large requests to playback speed; ranges of
    /// about 10 MiB come at full speed.
    /// </summary>
    private (long Start, long? End)? ChunkedSpan(HttpContext context, ResolvedStream stream, Match range)
    {
        var chunk = options.Value.UpstreamChunkBytes;
        if (!HttpMethods.IsGet(context.Request.Method) || chunk <= 0 || context.Request.Headers.IfRange.Count > 0
            || !MediaHostPolicy.MatchesSuffix(new Uri(stream.StreamUrl), options.Value.ChunkedMediaHosts))
        {
            return null;
        }
        if (!range.Success)
        {
            return (0, null);
        }
        if (!range.Groups["from"].Success)
        {
            return null; // a suffix range (the last n bytes) is small
        }
        var from = long.Parse(range.Groups["from"].Value, CultureInfo.InvariantCulture);
        if (range.Groups["to"].Value is not { Length: > 0 } to)
        {
            return (from, null);
        }
        var end = long.Parse(to, CultureInfo.InvariantCulture);
        return end >= from && end - from + 1 > chunk ? (from, end) : null;
    }

    /// <summary>
    /// Streams bytes <paramref name="start"/>–<paramref name="end"/> (to the end of the file when
    /// null) to the client, fetched from upstream one chunk-sized range at a time, each copied as
    /// it arrives; the next range is asked for only once the previous one is through, so memory
    /// stays at one buffer and a client that leaves cancels the chunk in flight and every later
    /// one. The first chunk tells the file's length: the client gets a 200 with that length (or a
    /// 206 with its <c>Content-Range</c> when it asked for a range). An upstream that ignores ranges
    /// is relayed as it answers. A chunk refused as expired is fetched again from a re-resolved URL,
    /// once per request.
    /// </summary>
    private async Task ProxyInChunksAsync(HttpContext context, ResolvedStream stream, Func<CancellationToken, Task<ResolvedStream>>? reResolve,
        long start, long? end, bool clientRanged, long started)
    {
        var aborted = context.RequestAborted;
        var chunk = options.Value.UpstreamChunkBytes;
        var reResolved = false;
        async Task<HttpResponseMessage> FetchAsync(long from, long to)
        {
            var response = await SendAsync(HttpMethod.Get, new Uri(stream.StreamUrl), stream.Format.HttpHeaders, $"bytes={from}-{to}", null, aborted);
            if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Gone && reResolve is not null && !reResolved)
            {
                reResolved = true;
                response.Dispose();
                metrics.ReResolved();
                stream = await reResolve(aborted);
                response = await SendAsync(HttpMethod.Get, new Uri(stream.StreamUrl), stream.Format.HttpHeaders, $"bytes={from}-{to}", null, aborted);
            }
            return response;
        }

        using var first = await FetchAsync(start, end is { } e ? Math.Min(e, start + chunk - 1) : start + chunk - 1);
        if (first.StatusCode != HttpStatusCode.PartialContent || first.Content.Headers.ContentRange is not { HasLength: true, From: { } firstFrom, To: { } firstTo, Length: { } length }
            || firstFrom != start)
        {
            // 416, an error, a 200 with the whole file, or a range we cannot follow: as it is.
            await RelayAsync(context, first, stream, started);
            return;
        }

        var last = Math.Min(end ?? length - 1, length - 1);
        context.Response.StatusCode = clientRanged ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        // Length and range of a chunked answer are this service's, not the first chunk's.
        UpstreamHeaders.CopyTo(context, first, lengthAndRange: false);
        context.Response.ContentLength = last - start + 1;
        if (clientRanged)
        {
            context.Response.Headers.ContentRange = $"bytes {start}-{last}/{length}";
        }

        try
        {
            if (!await CopyBodyAsync(context, first, stream, started))
            {
                return;
            }
            // Advanced by what upstream actually sent: a CDN may answer a range with fewer bytes.
            for (var from = firstTo + 1; from <= last;)
            {
                using var next = await FetchAsync(from, Math.Min(from + chunk - 1, last));
                if (next.StatusCode != HttpStatusCode.PartialContent
                    || next.Content.Headers.ContentRange is not { To: { } to } range || range.From != from || to > last)
                {
                    // The headers are gone; all that is left is to cut the response short, which the client sees.
                    LogChunkFailed(logger, stream.Platform, stream.VideoId, from, (int)next.StatusCode);
                    CutShort(context);
                    return;
                }
                if (!await CopyBodyAsync(context, next, stream, startedAt: null))
                {
                    return;
                }
                from = to + 1;
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            LogClientLeft(logger, stream.Platform, stream.VideoId, BodyCopyOutcome.ClientLeft);
        }
        catch (ProblemException) when (!context.Response.HasStarted)
        {
            // Nothing sent yet (the first chunk was refused): the client gets the problem.
            throw;
        }
        catch (Exception ex) when (ex is ProblemException or HttpRequestException)
        {
            // A later chunk could not be had (its URL could not be resolved again, the host went
            // away): the headers are gone, so the response can only be cut short.
            LogChunkAbandoned(logger, stream.Platform, stream.VideoId, ex.Message);
            CutShort(context);
        }
    }

    /// <summary>
    /// Copies an upstream body to the client as it arrives; the first write of a request
    /// (<paramref name="startedAt"/> given) records time to first byte. False when the copy ended
    /// early: the client is gone, or the response was cut short because upstream failed after bytes
    /// were sent. An upstream that fails before any byte was sent is a 502 problem.
    /// </summary>
    private async Task<bool> CopyBodyAsync(HttpContext context, HttpResponseMessage response, ResolvedStream stream, long? startedAt)
    {
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        var firstWritten = startedAt is { } started ? () => metrics.FirstByteSent(stream.Platform, Stopwatch.GetElapsedTime(started)) : (Action?)null;
        var (outcome, error) = await copier.CopyAsync(body, context.Response.Body, inspectStart: !context.Response.HasStarted, firstWritten, context.RequestAborted);
        if (outcome == BodyCopyOutcome.Completed)
        {
            return true;
        }
        if (outcome is BodyCopyOutcome.ClientLeft or BodyCopyOutcome.ClientFailed or BodyCopyOutcome.ClientIdle)
        {
            LogClientLeft(logger, stream.Platform, stream.VideoId, outcome);
            context.Abort();
            return false;
        }
        if (!context.Response.HasStarted)
        {
            throw new ProblemException(ErrorCodes.UpstreamUnavailable,
                outcome == BodyCopyOutcome.UpstreamIdle ? "The media host stopped sending." : "The media host broke off the body.");
        }
        LogUpstreamBroke(logger, stream.Platform, stream.VideoId, outcome, error?.Message);
        CutShort(context);
        return false;
    }

    /// <summary>
    /// Ends a response whose headers are gone before its last byte, so that the player sees the
    /// body end short. With a <c>Content-Length</c>, the response is left unfinished: the server
    /// closes the connection once the bytes already written are sent. Without one, only aborting
    /// the connection keeps the end of a chunked body from being sent, which would pass it off as
    /// whole (an abort may also drop bytes not yet sent, which is why it is not used for both).
    /// </summary>
    private static void CutShort(HttpContext context)
    {
        if (context.Response.ContentLength is null)
        {
            context.Abort();
        }
    }

    private async Task<HttpResponseMessage> RetryFreshAsync(HttpResponseMessage refused, HttpContext context,
        Func<CancellationToken, Task<ResolvedStream>> reResolve, CancellationToken aborted)
    {
        refused.Dispose();
        metrics.ReResolved();
        var fresh = await reResolve(aborted);
        return await SendAsync(context, fresh, aborted);
    }

    private Task<HttpResponseMessage> SendAsync(HttpContext context, ResolvedStream stream, CancellationToken aborted) =>
        SendAsync(HttpMethods.IsHead(context.Request.Method) ? HttpMethod.Head : HttpMethod.Get, new Uri(stream.StreamUrl), stream.Format.HttpHeaders,
            context.Request.Headers.Range.ToString(), context.Request.Headers.IfRange.ToString(), aborted);

    /// <summary>Fetches a small text resource (an HLS playlist) from an allow-listed host; at most 4 MiB.</summary>
    public async Task<string> FetchTextAsync(Uri url, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, url, headers, null, null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, $"The media host answered {(int)response.StatusCode} for a playlist.");
        }
        if (response.Content.Headers.ContentLength > MaxPlaylistBytes)
        {
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, "The playlist is larger than this service accepts.");
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var bounded = new MemoryStream();
        var buffer = new byte[16384];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (bounded.Length + read > MaxPlaylistBytes)
            {
                throw new ProblemException(ErrorCodes.UpstreamUnavailable, "The playlist is larger than this service accepts.");
            }
            bounded.Write(buffer, 0, read);
        }
        return System.Text.Encoding.UTF8.GetString(bounded.GetBuffer(), 0, (int)bounded.Length);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, IReadOnlyDictionary<string, string> headers,
        string? range, string? ifRange, CancellationToken aborted)
    {
        var client = clients.CreateClient(ClientName);
        for (var hop = 0; ; hop++)
        {
            if (!policy.IsAllowed(url))
            {
                throw new ProblemException(ErrorCodes.UpstreamUnavailable,
                    $"The media host {url.Host} is not on the allow-list (Streaming:AllowedMediaHosts).");
            }

            using var request = new HttpRequestMessage(method, url);
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
            if (!string.IsNullOrEmpty(range))
            {
                request.Headers.TryAddWithoutValidation("Range", range);
            }
            if (!string.IsNullOrEmpty(ifRange))
            {
                request.Headers.TryAddWithoutValidation("If-Range", ifRange);
            }

            var sent = Stopwatch.GetTimestamp();
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, aborted);
            }
            catch (HttpRequestException)
            {
                metrics.UpstreamAnswered("error", Stopwatch.GetElapsedTime(sent));
                throw;
            }
            metrics.UpstreamAnswered(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), Stopwatch.GetElapsedTime(sent));
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location && hop < MaxRedirects)
            {
                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                response.Dispose();
                continue;
            }
            return response;
        }
    }

    [GeneratedRegex(@"^bytes=((?<from>\d{1,15})-(?<to>\d{0,15})|-\d{1,15})$")]
    private static partial Regex ValidRange();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chunk at byte {From} of {Platform}/{VideoId} answered {Status}; the response was cut short")]
    private static partial void LogChunkFailed(ILogger logger, string platform, string videoId, long from, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A later chunk of {Platform}/{VideoId} could not be fetched ({Reason}); the response was cut short")]
    private static partial void LogChunkAbandoned(ILogger logger, string platform, string videoId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The client of {Platform}/{VideoId} stopped taking the body ({Outcome}); upstream released")]
    private static partial void LogClientLeft(ILogger logger, string platform, string videoId, BodyCopyOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The media host of {Platform}/{VideoId} stopped mid-body ({Outcome}: {Reason}); the response was cut short")]
    private static partial void LogUpstreamBroke(ILogger logger, string platform, string videoId, BodyCopyOutcome outcome, string? reason);
}
