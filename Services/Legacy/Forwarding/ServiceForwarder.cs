using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Hosting.Security;
using Microsoft.Extensions.Options;
using VideoPlatform.Legacy.Upstream;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace VideoPlatform.Legacy.Forwarding;

/// <summary>
/// Forwards a legacy request whose shape did not change to the service that now owns it
/// (YARP's <see cref="IHttpForwarder"/>): Range, status and headers pass through, bytes are
/// streamed, never buffered. The address comes from service discovery.
/// </summary>
internal sealed partial class ServiceForwarder(
    IHttpForwarder forwarder, IForwarderHttpClientFactory clients, IOptions<SecurityOptions> security, ILogger<ServiceForwarder> logger)
{
    // Media transfers can run for hours: no overall timeout, only a bounded wait for the first byte.
    private static readonly ForwarderRequestConfig RequestConfig = new() { ActivityTimeout = TimeSpan.FromMinutes(2) };

    // YARP's forwarding client (no proxy, redirects, cookies or decompression), wrapped by service
    // discovery so that http://metadata is resolved per request, across every replica.
    private readonly HttpMessageInvoker _invoker = clients.CreateClient(new ForwarderHttpClientContext { NewConfig = HttpClientConfig.Empty });

    /// <summary>Forwards to <paramref name="path"/> on <paramref name="service"/>, keeping the query unless one is given.</summary>
    public async Task ForwardAsync(HttpContext context, string service, string path, QueryString? query = null)
    {
        var transformer = new PathTransformer(path, query ?? context.Request.QueryString, security.Value.InternalApiKey);

        var error = await forwarder.SendAsync(context, $"http://{service}", _invoker, RequestConfig, transformer);
        if (error != ForwarderError.None && !context.Response.HasStarted)
        {
            var inner = context.Features.Get<IForwarderErrorFeature>()?.Exception ?? new HttpRequestException(error.ToString());
            LogForwardFailed(logger, service, path, error);
            throw new DependencyUnavailableException(service, inner);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding to {Service}{Path} failed: {Error}")]
    private static partial void LogForwardFailed(ILogger logger, string service, string path, ForwarderError error);

    private sealed class PathTransformer(string path, QueryString query, string? internalKey) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest,
            string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, new PathString(path), query);
            // The service's own address, not the client's Host, so its links and checks are its own.
            proxyRequest.Headers.Host = null;
            // As on every call between our services: the relayed request is not counted against
            // legacy's own budget, and streaming sees the player behind it. A player's own claim
            // about who it is goes nowhere.
            InternalCalls.Unstamp(proxyRequest);
            if (internalKey is { Length: > 0 })
            {
                InternalCalls.Stamp(proxyRequest, internalKey, httpContext);
            }
        }
    }
}
