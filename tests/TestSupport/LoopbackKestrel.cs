using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace VideoPlatform.TestSupport;

/// <summary>
/// A service under <see cref="WebApplicationFactory{TEntryPoint}"/> on real Kestrel instead of the
/// in-memory test server, for clients that need a socket: ffmpeg and ffprobe, another service
/// calling it over HTTP, a player following a redirect.
/// </summary>
public static class LoopbackKestrel
{
    /// <summary>Starts the service on a free loopback port and returns its address (<c>http://127.0.0.1:port/</c>).</summary>
    public static Uri StartOnLoopback<TEntryPoint>(this WebApplicationFactory<TEntryPoint> factory) where TEntryPoint : class
    {
        var port = FreePort.Next();
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
