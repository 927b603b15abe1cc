using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace VideoPlatform.TestSupport;

/// <summary>
/// A fake upstream: real Kestrel on a free loopback port, routes given by the test, and a log of
/// every request it received (method, path and query) so tests can assert what was called.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri address, ConcurrentQueue<string> requests)
    {
        _app = app;
        Address = address;
        Requests = requests;
    }

    public Uri Address { get; }

    /// <summary>The address as a service's configuration names it and URLs start with: <c>http://127.0.0.1:port</c>, no trailing slash.</summary>
    public string Origin => Address.GetLeftPart(UriPartial.Authority);

    /// <summary>Every request as <c>METHOD /path?query</c>, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; }

    /// <summary>Every request's <c>/path?query</c>, in arrival order.</summary>
    public IEnumerable<string> PathsAsked => Requests.Select(request => request[(request.IndexOf(' ', StringComparison.Ordinal) + 1)..]);

    public static async Task<LoopbackServer> StartAsync(Action<IEndpointRouteBuilder> routes)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var requests = new ConcurrentQueue<string>();
        app.Use((context, next) =>
        {
            requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            return next(context);
        });
        routes(app);
        await app.StartAsync();
        return new LoopbackServer(app, new Uri($"http://127.0.0.1:{port}"), requests);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
