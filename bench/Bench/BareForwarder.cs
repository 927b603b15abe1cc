using System.Buffers;
using System.Diagnostics;
using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace VideoPlatform.Bench;

/// <summary>
/// A forwarder to the fake CDN on bare Kestrel, nothing of the streaming service around it, in one
/// of two ways: YARP's <see cref="IHttpForwarder"/>, or the streaming proxy's own way (HttpClient,
/// response headers first, the body copied through a pooled 256 KiB buffer). Side by side they
/// compare the two mechanisms alone. Runs as its own process (this program with
/// <c>--forward yarp|httpclient</c>), like the other baselines.
/// </summary>
internal static class BareForwarder
{
    public static async Task ServeAsync(string kind, string upstream, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        // YARP's documented settings for a forwarder's invoker; as the media client, no redirects or decompression.
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };
        if (kind == "yarp")
        {
            var invoker = new HttpMessageInvoker(handler);
            var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
            app.Map("/{**path}", async context =>
            {
                var error = await forwarder.SendAsync(context, upstream, invoker, ForwarderRequestConfig.Empty, HttpTransformer.Empty);
                if (error != ForwarderError.None && !context.Response.HasStarted)
                {
                    context.Response.StatusCode = StatusCodes.Status502BadGateway;
                }
            });
        }
        else
        {
            var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            app.Map("/{**path}", async context =>
            {
                using var request = new HttpRequestMessage(HttpMethods.IsHead(context.Request.Method) ? HttpMethod.Head : HttpMethod.Get,
                    new Uri(new Uri(upstream), context.Request.Path + context.Request.QueryString));
                if (context.Request.Headers.Range.Count > 0)
                {
                    request.Headers.TryAddWithoutValidation("Range", context.Request.Headers.Range.ToString());
                }
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
                context.Response.StatusCode = (int)response.StatusCode;
                context.Response.ContentLength = response.Content.Headers.ContentLength;
                context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
                await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
                var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
                try
                {
                    int read;
                    while ((read = await body.ReadAsync(buffer, context.RequestAborted)) > 0)
                    {
                        await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            });
        }
        await app.RunAsync();
    }

    public static Process Start(string kind, Uri upstream, int port) =>
        Process.Start(new ProcessStartInfo("dotnet",
            [typeof(BareForwarder).Assembly.Location, "--forward", kind, upstream.ToString(), port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
        })!;
}
