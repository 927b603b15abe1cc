using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Extractors;

/// <summary>
/// Bounds every platform answer this service reads, whichever client reads it: one that declares
/// a length over <see cref="MaxBytes"/> is refused before its body is touched, and any other is
/// read here, into a buffer of its own, only up to the bound. The caller gets an
/// <c>upstream_unavailable</c> problem past it, and what a parser sees is at most the bound: an
/// endless answer never reaches a JSON reader, whose buffers would grow with it and be kept in the
/// runtime's shared pool afterwards. Registered for every <see cref="IHttpClientFactory"/> client
/// of the service.
/// </summary>
internal sealed class BoundedResponseHandler : DelegatingHandler
{
    /// <summary>The most one answer may be: YouTube's player script is about 3 MiB, its pages and player answers under 2 MiB.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                throw TooLarge(request.RequestUri);
            }
            var body = await ReadBoundedAsync(response.Content, request.RequestUri, cancellationToken);
            var bounded = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length);
            foreach (var header in response.Content.Headers.NonValidated)
            {
                if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    bounded.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
            response.Content.Dispose();
            response.Content = bounded;
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<MemoryStream> ReadBoundedAsync(HttpContent content, Uri? url, CancellationToken cancellationToken)
    {
        var body = new MemoryStream((int)Math.Min(content.Headers.ContentLength ?? 64 * 1024, MaxBytes));
        try
        {
            await using var upstream = await content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[81920];
            int read;
            while ((read = await upstream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (body.Length + read > MaxBytes)
                {
                    throw TooLarge(url);
                }
                body.Write(buffer, 0, read);
            }
            return body;
        }
        catch (IOException ex)
        {
            // A connection reset while the body is read surfaces as a bare IOException, not as the
            // HttpRequestException a reset before the headers is: the same broken answer, so it is
            // reported as one, and retried and answered as one.
            throw new HttpRequestException(HttpRequestError.ResponseEnded, $"{url?.Host ?? "The platform"} broke off its answer.", ex);
        }
    }

    private static ProblemException TooLarge(Uri? url) =>
        new(ErrorCodes.UpstreamUnavailable, $"{url?.Host ?? "The platform"} answered more than this service reads ({MaxBytes / (1024 * 1024)} MiB).");
}
