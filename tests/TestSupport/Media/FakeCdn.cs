using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace VideoPlatform.TestSupport.Media;

/// <summary>
/// A media CDN on loopback: <c>/media/{name}</c> serves registered files with full Range support
/// (as googlevideo does); <c>/slow</c> trickles bytes until the caller goes away, and says when it
/// noticed; any path can be made to refuse once with 403, like an expired URL.
/// </summary>
public sealed class FakeCdn : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly ConcurrentDictionary<string, string> _files = new();
    private readonly ConcurrentDictionary<string, int> _refusals = new();
    private readonly ConcurrentDictionary<string, int> _refusalsLater = new();

    private FakeCdn(LoopbackServer server) => _server = server;

    public Uri Address => _server.Address;

    public ConcurrentQueue<string> Requests => _server.Requests;

    /// <summary>Completes when a <c>/slow</c> download was abandoned by its client.</summary>
    public TaskCompletionSource SlowAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a <c>/trickle/</c> download was abandoned by its client.</summary>
    public TaskCompletionSource TrickleAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every <c>/media/</c>, <c>/videoplayback</c> and <c>/trickle/</c> request as (file name, Range header or null), in arrival order.</summary>
    public ConcurrentQueue<(string Name, string? Range)> RangeRequests { get; } = new();

    /// <summary>Headers of every media request, to check what the proxy sent upstream.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> RequestHeaders { get; } = new();

    public static async Task<FakeCdn> StartAsync()
    {
        FakeCdn? cdn = null;
        var server = await LoopbackServer.StartAsync(routes =>
        {
            routes.MapMethods("/media/{name}", ["GET", "HEAD"], (string name, HttpContext context) => cdn!.Serve(name, context));
            // googlevideo's path: every itag plays the file registered as "videoplayback".
            routes.MapMethods("/videoplayback", ["GET", "HEAD"], (HttpContext context) => cdn!.Serve("videoplayback", context));
            routes.MapGet("/hls/{name}", (string name) => cdn!._hlsDirectory is { } directory && File.Exists(Path.Combine(directory, Path.GetFileName(name)))
                ? Results.File(Path.Combine(directory, Path.GetFileName(name)), name.EndsWith(".m3u8", StringComparison.Ordinal) ? "application/vnd.apple.mpegurl" : "video/mp2t", enableRangeProcessing: true)
                : Results.NotFound());
            // A registered file with Range, sent 4 KiB every 20 ms: a download long enough to leave mid-way.
            routes.MapGet("/trickle/{name}", (string name, HttpContext context) => cdn!.TrickleAsync(name, context));
            routes.MapGet("/slow", async (HttpContext context) =>
            {
                context.Response.ContentType = "video/mp4";
                var chunk = new byte[16 * 1024];
                try
                {
                    while (true)
                    {
                        await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                        await Task.Delay(20, context.RequestAborted);
                    }
                }
                catch (OperationCanceledException)
                {
                    cdn!.SlowAborted.TrySetResult();
                }
                catch (IOException)
                {
                    cdn!.SlowAborted.TrySetResult();
                }
            });
        });
        cdn = new FakeCdn(server);
        return cdn;
    }

    private string? _hlsDirectory;

    /// <summary>Serves an HLS directory under <c>/hls/</c>; returns the master playlist's URL.</summary>
    public Uri AddHls(string directory)
    {
        _hlsDirectory = directory;
        return new Uri(Address, "/hls/master.m3u8");
    }

    public Uri Add(string name, string path)
    {
        _files[name] = path;
        return new Uri(Address, $"/media/{name}");
    }

    /// <summary>The next <paramref name="times"/> requests for <paramref name="name"/> get 403.</summary>
    public void RefuseNext(string name, int times = 1) => _refusals[name] = times;

    /// <summary>After <paramref name="served"/> more requests for <paramref name="name"/>, the next one gets 403 (once): a URL that stops working mid-download.</summary>
    public void RefuseAfter(string name, int served) => _refusalsLater[name] = served;

    private async Task TrickleAsync(string name, HttpContext context)
    {
        RangeRequests.Enqueue((name, context.Request.Headers.Range.Count > 0 ? context.Request.Headers.Range.ToString() : null));
        if (!_files.TryGetValue(name, out var path))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var file = await File.ReadAllBytesAsync(path);
        var (from, to) = (0L, file.Length - 1L);
        if (System.Net.Http.Headers.RangeHeaderValue.TryParse(context.Request.Headers.Range.ToString(), out var range) && range.Ranges.Single() is { From: { } start } requested)
        {
            (from, to) = (start, Math.Min(requested.To ?? file.Length - 1, file.Length - 1));
            context.Response.StatusCode = StatusCodes.Status206PartialContent;
            context.Response.Headers.ContentRange = $"bytes {from}-{to}/{file.Length}";
        }
        context.Response.ContentType = "video/mp4";
        context.Response.ContentLength = to - from + 1;
        try
        {
            for (var at = from; at <= to; at += 4096)
            {
                await context.Response.Body.WriteAsync(file.AsMemory((int)at, (int)Math.Min(4096, to - at + 1)), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(20, context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            TrickleAborted.TrySetResult();
        }
    }

    private IResult Serve(string name, HttpContext context)
    {
        RangeRequests.Enqueue((name, context.Request.Headers.Range.Count > 0 ? context.Request.Headers.Range.ToString() : null));
        // Copied: Kestrel reuses the header collection once the request is over.
        RequestHeaders.Enqueue(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        if (_refusals.TryGetValue(name, out var left) && left > 0)
        {
            _refusals[name] = left - 1;
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        if (_refusalsLater.TryGetValue(name, out var served))
        {
            if (served == 0)
            {
                _refusalsLater.TryRemove(name, out _);
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }
            _refusalsLater[name] = served - 1;
        }
        return _files.TryGetValue(name, out var path)
            ? Results.File(path, "video/mp4", enableRangeProcessing: true)
            : Results.NotFound();
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
