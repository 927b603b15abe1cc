using System.Buffers;
using Microsoft.Extensions.Options;
using VideoPlatform.Streaming.Metrics;

namespace VideoPlatform.Streaming.Proxy;

/// <summary>
/// Copies a media body from upstream to a client, cheap while idle and exact about failure. Before
/// each read it waits for data with a zero-byte read and holds no buffer meanwhile, so a thousand
/// players waiting on a slow CDN hold no buffers at all. Every read and every write re-arms an idle
/// timer (<see cref="StreamingOptions.BodyIdleTimeout"/>): a side silent for longer ends the copy.
/// Failures are returned, not thrown, with the side that failed, because once the headers are sent
/// there is nobody left to throw to; the caller can only cut the response short.
/// </summary>
public sealed class BodyCopier(StreamMetricsCollector metrics, IOptions<StreamingOptions> options, TimeProvider time)
{
    /// <summary>Buffer rented while bytes flow; large because a CDN delivers megabytes at a time.</summary>
    public const int BufferSize = 256 * 1024;

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="destination"/> until the source ends.
    /// With <paramref name="inspectStart"/>, the first bytes are checked to be media, not a playlist
    /// (a <see cref="ProblemException"/> is thrown before anything is written);
    /// <paramref name="firstWritten"/> runs once the first bytes are written.
    /// </summary>
    public async Task<(BodyCopyOutcome Outcome, Exception? Error)> CopyAsync(Stream source, Stream destination, bool inspectStart, Action? firstWritten,
        CancellationToken clientAborted)
    {
        var timeout = options.Value.BodyIdleTimeout;
        using var idle = new CancellationTokenSource(timeout, time);
        using var clientGone = clientAborted.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), idle);
        var token = idle.Token;
        byte[]? buffer = null;
        var reading = true;
        try
        {
            if (inspectStart)
            {
                // A few bytes in an array of their own: a source that trickles them holds no big buffer.
                var start = new byte[UpstreamHeaders.SniffBytes];
                var have = 0;
                for (int read; have < start.Length && (read = await source.ReadAsync(start.AsMemory(have), token)) > 0; have += read)
                {
                    idle.CancelAfter(timeout);
                }
                UpstreamHeaders.RefusePlaylistBody(start.AsSpan(0, have));
                if (have == 0)
                {
                    return (BodyCopyOutcome.Completed, null);
                }
                reading = false;
                await WriteAsync(start, have);
            }

            while (true)
            {
                reading = true;
                var ready = source.ReadAsync(Memory<byte>.Empty, token);
                if (ready.IsCompletedSuccessfully)
                {
                    _ = ready.Result;
                }
                else
                {
                    // Nothing to read yet: the buffer goes back to the pool while the source is silent.
                    Return(ref buffer);
                    await ready;
                }
                buffer ??= Rent();
                var read = await source.ReadAsync(buffer, token);
                if (read == 0)
                {
                    return (BodyCopyOutcome.Completed, null);
                }
                idle.CancelAfter(timeout);
                reading = false;
                await WriteAsync(buffer, read);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            var outcome = clientAborted.IsCancellationRequested ? BodyCopyOutcome.ClientLeft
                : idle.IsCancellationRequested ? reading ? BodyCopyOutcome.UpstreamIdle : BodyCopyOutcome.ClientIdle
                : reading ? BodyCopyOutcome.UpstreamFailed : BodyCopyOutcome.ClientFailed;
            metrics.BodyInterrupted(outcome);
            return (outcome, ex);
        }
        finally
        {
            Return(ref buffer);
        }

        async Task WriteAsync(byte[] bytes, int count)
        {
            await destination.WriteAsync(bytes.AsMemory(0, count), token);
            idle.CancelAfter(timeout);
            metrics.BytesServed(count);
            firstWritten?.Invoke();
            firstWritten = null;
        }
    }

    private byte[] Rent()
    {
        metrics.BufferRented();
        return ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    private void Return(ref byte[]? buffer)
    {
        if (buffer is { } held)
        {
            // Cleared first, so that the buffer is never returned twice if what follows throws.
            buffer = null;
            ArrayPool<byte>.Shared.Return(held);
            metrics.BufferReturned();
        }
    }
}
