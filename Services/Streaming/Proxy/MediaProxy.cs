using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Metrics;

namespace VideoPlatform.Streaming.Proxy;

/// <summary>
/// Streams a chosen format's bytes to the client: <c>Range</c>, <c>If-Range</c> and <c>HEAD</c>
/// passed through, the body copied as it arrives (never buffered whole), the platform's headers
/// sent upstream and none of the upstream's own headers leaked back beyond what a player needs.
/// Only allow-listed hosts are contacted, redirects included. A client that goes away cancels the
/// upstream request at once.
/// </summary>
public sealed partial class MediaProxy(IHttpClientFactory clients, MediaHostPolicy policy, StreamMetricsCollector metrics, ILogger<MediaProxy> logger)
{
    public const string ClientName = "media";
    private const int MaxRedirects = 3;
    private const int MaxPlaylistBytes = 4 * 1024 * 1024;

    private static readonly string[] PassedBack =
        ["Content-Type", "Content-Length", "Content-Range", "Accept-Ranges", "ETag", "Last-Modified"];

    /// <summary>
    /// Proxies <paramref name="stream"/>. When the upstream refuses the URL as expired (403/410)
    /// and nothing was sent yet, <paramref name="reResolve"/> is asked once for a fresh one.
    /// <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp) is when the request
    /// arrived, so that time to first byte includes resolving the stream.
    /// </summary>
    public async Task ProxyAsync(HttpContext context, ResolvedStream stream, Func<CancellationToken, Task<ResolvedStream>>? reResolve, long? startedAt = null)
    {
        var started = startedAt ?? Stopwatch.GetTimestamp();
        var aborted = context.RequestAborted;
        var range = context.Request.Headers.Range.ToString();
        if (range.Length > 0 && !ValidRange().IsMatch(range))
        {
            throw new StreamingException(ErrorCodes.InvalidRequest, "Only a single byte range (bytes=a-b, bytes=a-, bytes=-n) is supported.", 416);
        }

        using var active = metrics.StreamOpened();
        var first = await SendAsync(context, stream, aborted);
        using var response = first.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Gone && reResolve is not null
            ? await RetryFreshAsync(first, context, reResolve, aborted)
            : first;

        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            throw new StreamingException(ErrorCodes.UpstreamUnavailable, $"The media host answered {(int)response.StatusCode}.", StatusCodes.Status502BadGateway);
        }

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var name in PassedBack)
        {
            if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }
        context.Response.Headers.AcceptRanges = "bytes";
        context.Response.Headers.CacheControl = "private, max-age=300";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await using var body = await response.Content.ReadAsStreamAsync(aborted);
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            int read;
            var firstWrite = true;
            while ((read = await body.ReadAsync(buffer, aborted)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), aborted);
                if (firstWrite)
                {
                    firstWrite = false;
                    metrics.FirstByteSent(stream.Platform, Stopwatch.GetElapsedTime(started));
                }
                metrics.BytesServed(read);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            LogClientLeft(logger, stream.Platform, stream.VideoId);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
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
            throw new StreamingException(ErrorCodes.UpstreamUnavailable, $"The media host answered {(int)response.StatusCode} for a playlist.", StatusCodes.Status502BadGateway);
        }
        if (response.Content.Headers.ContentLength > MaxPlaylistBytes)
        {
            throw new StreamingException(ErrorCodes.UpstreamUnavailable, "The playlist is larger than this service accepts.", StatusCodes.Status502BadGateway);
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var bounded = new MemoryStream();
        var buffer = new byte[16384];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (bounded.Length + read > MaxPlaylistBytes)
            {
                throw new StreamingException(ErrorCodes.UpstreamUnavailable, "The playlist is larger than this service accepts.", StatusCodes.Status502BadGateway);
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
                throw new StreamingException(ErrorCodes.UpstreamUnavailable,
                    $"The media host {url.Host} is not on the allow-list (Streaming:AllowedMediaHosts).", StatusCodes.Status502BadGateway);
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

    [GeneratedRegex(@"^bytes=(\d{1,15}-\d{0,15}|-\d{1,15})$")]
    private static partial Regex ValidRange();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client left while {Platform}/{VideoId} was streaming; upstream cancelled")]
    private static partial void LogClientLeft(ILogger logger, string platform, string videoId);
}
