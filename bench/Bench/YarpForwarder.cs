using System.Diagnostics;
using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace VideoPlatform.Bench;

/// <summary>
/// YARP's <see cref="IHttpForwarder"/> on bare Kestrel, forwarding every request to the fake CDN:
/// the most a YARP-based media proxy could do, with nothing of the streaming service around it.
/// Runs as its own process (this program with <c>--forward</c>), like the other baselines.
/// </summary>
internal static class YarpForwarder
{
    public static async Task ServeAsync(string upstream, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        // Settings YARP's documentation gives for a forwarder's own invoker; as the media client, no redirects or decompression.
        var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        });
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        app.Map("/{**path}", async context =>
        {
            var error = await forwarder.SendAsync(context, upstream, invoker, ForwarderRequestConfig.Empty, HttpTransformer.Empty);
            if (error != ForwarderError.None)
            {
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
            }
        });
        await app.RunAsync();
    }

    public static Process Start(Uri upstream, int port) =>
        Process.Start(new ProcessStartInfo("dotnet",
            [typeof(YarpForwarder).Assembly.Location, "--forward", upstream.ToString(), port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
        })!;
}
