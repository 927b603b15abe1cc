using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VideoPlatform.TestSupport.Media;

/// <summary>
/// The platforms' own media CDNs (video.twimg.com, *.cdninstagram.com, Twitch's playlist and clip
/// hosts…) on one https loopback port: a client whose connections are all sent here
/// (<see cref="CreateHandler"/>) reaches it under the real host names, so a service's allow-list and
/// URL handling meet the real names while the bytes are real media made with ffmpeg. Files are
/// registered by their full URL (host and path); the query is ignored unless a host has a
/// requirement (<see cref="Require"/>), as Twitch's clip host refuses a clip URL without its token.
/// </summary>
public sealed class FakePlatformCdn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<(string Host, string Path), (string? File, string? Text, string ContentType)> _entries = new();
    private readonly ConcurrentDictionary<string, (Func<HttpRequest, bool> Check, string Why)> _requirements = new(StringComparer.OrdinalIgnoreCase);

    private FakePlatformCdn(WebApplication app, X509Certificate2 certificate, int port)
    {
        _app = app;
        Certificate = certificate;
        Port = port;
    }

    /// <summary>The self-signed certificate the CDN answers with; <see cref="CreateHandler"/> trusts it alone.</summary>
    public X509Certificate2 Certificate { get; }

    public int Port { get; }

    /// <summary>Every request as (Host, path and query, status answered), in arrival order.</summary>
    public ConcurrentQueue<(string Host, string PathAndQuery, int Status)> Requests { get; } = new();

    public static async Task<FakePlatformCdn> StartAsync()
    {
        var certificate = SelfSigned();
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var cdn = new FakePlatformCdn(app, certificate, port);
        app.Run(cdn.ServeAsync);
        await app.StartAsync();
        return cdn;
    }

    /// <summary>Serves <paramref name="file"/> at <paramref name="url"/> (its host and path), with Range.</summary>
    public Uri Add(Uri url, string file, string contentType)
    {
        _entries[(url.Host, url.AbsolutePath)] = (file, null, contentType);
        return url;
    }

    /// <summary>Serves <paramref name="text"/> (a playlist) at <paramref name="url"/>.</summary>
    public Uri AddText(Uri url, string text, string contentType = "application/vnd.apple.mpegurl")
    {
        _entries[(url.Host, url.AbsolutePath)] = (null, text, contentType);
        return url;
    }

    /// <summary>Every request to <paramref name="host"/> that fails <paramref name="check"/> gets 403, as that CDN answers.</summary>
    public void Require(string host, Func<HttpRequest, bool> check, string why) => _requirements[host] = (check, why);

    /// <summary>
    /// A handler that connects every host name to this CDN and trusts its certificate (and no other):
    /// what a client would do if DNS gave the platforms' names to loopback.
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == Certificate.GetCertHashString(),
        },
    };

    private async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var host = request.Host.Host;
        var status = StatusCodes.Status404NotFound;
        if (_requirements.TryGetValue(host, out var requirement) && !requirement.Check(request))
        {
            status = StatusCodes.Status403Forbidden;
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(requirement.Why);
        }
        else if (_entries.TryGetValue((host, request.Path.Value ?? ""), out var entry))
        {
            IResult result = entry.File is { } file
                ? Results.File(file, entry.ContentType, enableRangeProcessing: true)
                : Results.Text(entry.Text!, entry.ContentType);
            await result.ExecuteAsync(context);
            status = context.Response.StatusCode;
        }
        else
        {
            context.Response.StatusCode = status;
        }
        Requests.Enqueue((host, $"{request.Path}{request.QueryString}", status));
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=fake platform CDN", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }
}
