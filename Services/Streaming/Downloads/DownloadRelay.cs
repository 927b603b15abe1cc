using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using VideoPlatform.Streaming.Hls;

namespace VideoPlatform.Streaming.Downloads;

/// <summary>
/// Where ffmpeg reads a download from: a server of this process on a loopback port of its own,
/// answering only the segment route (<see cref="SegmentServer"/>) for tokens this service signed.
/// ffmpeg thus never connects to a media host itself: every byte, every redirect hop and every
/// playlist entry goes through the proxy's allow-list and address checks, whatever an upstream
/// answers. It is a separate server, not the service's own port, so that API keys, rate limits
/// and the client-facing address play no part in it.
/// </summary>
public sealed partial class DownloadRelay(SegmentServer segments, SegmentTokens tokens, ILogger<DownloadRelay> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private WebApplication? _server;
    private Uri? _address;

    /// <summary>The relay's URL for <paramref name="url"/>, fetched upstream with <paramref name="headers"/>.</summary>
    public async Task<Uri> AddressOfAsync(Uri url, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var address = await StartAsync(cancellationToken);
        return new Uri(address, PlaylistRewriter.LocalPath(url, tokens.Sign(url, headers)));
    }

    private async Task<Uri> StartAsync(CancellationToken cancellationToken)
    {
        if (_address is { } started)
        {
            return started;
        }
        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (_address is null)
            {
                var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
                builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
                var server = builder.Build();
                server.Run(ServeAsync);
                await server.StartAsync(cancellationToken);
                _server = server;
                _address = new Uri(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            }
            return _address;
        }
        finally
        {
            _starting.Release();
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(PlaylistRewriter.SegmentPath) || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        try
        {
            await segments.ServeAsync(context, context.Request.Query["token"]);
        }
        catch (Exception ex) when (ex is ProblemException or HttpRequestException && !context.Response.HasStarted)
        {
            // ffmpeg needs only the status to fail the job; the reason goes to the log.
            context.Response.StatusCode = ex is ProblemException refused ? refused.Status : StatusCodes.Status502BadGateway;
            LogRefused(logger, ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }
        _starting.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The download relay refused a request: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
