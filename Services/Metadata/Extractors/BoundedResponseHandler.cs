using System.Net;
using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Extractors;

/// <summary>
/// Bounds every platform answer this service reads, whichever client reads it: one that declares
/// a length over <see cref="MaxBytes"/> is refused before its body is touched, and a body that
/// goes on past it (no length, or a false one) fails the read there. Either way the caller gets
/// an <c>upstream_unavailable</c> problem, not an exhausted memory. Registered for every
/// <see cref="IHttpClientFactory"/> client of the service.
/// </summary>
internal sealed class BoundedResponseHandler : DelegatingHandler
{
    /// <summary>The most one answer may be: YouTube's player script is about 3 MiB, its pages and player answers under 2 MiB.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentLength > MaxBytes)
        {
            response.Dispose();
            throw TooLarge(request.RequestUri);
        }
        response.Content = new BoundedContent(response.Content, request.RequestUri);
        return response;
    }

    private static PlatformException TooLarge(Uri? url) =>
        new(ErrorCodes.UpstreamUnavailable, $"{url?.Host ?? "The platform"} answered more than this service reads ({MaxBytes / (1024 * 1024)} MiB).");

    /// <summary>The upstream content, read through a stream that stops at the bound.</summary>
    private sealed class BoundedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly Uri? _url;

        public BoundedContent(HttpContent inner, Uri? url)
        {
            _inner = inner;
            _url = url;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
            new BoundedStream(await _inner.ReadAsStreamAsync(cancellationToken), _url);

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await using var body = await CreateContentReadStreamAsync(cancellationToken);
            await body.CopyToAsync(stream, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            // The inner content's headers: this one's ContentLength would ask this method again.
            length = _inner.Headers.ContentLength ?? 0;
            return _inner.Headers.ContentLength is not null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    private sealed class BoundedStream(Stream inner, Uri? url) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            return _read > MaxBytes ? throw TooLarge(url) : read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
