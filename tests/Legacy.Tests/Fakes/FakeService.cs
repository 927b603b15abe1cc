using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Legacy.Tests.Fakes;

/// <summary>A fake of one platform service on a loopback port, recording what it was asked.</summary>
public sealed class FakeService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeService(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Base address, e.g. <c>http://127.0.0.1:5501</c>.</summary>
    public string Address { get; }

    /// <summary>Path and query of every request, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<FakeService> StartAsync(Action<WebApplication> routes)
    {
        var address = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var service = new FakeService(app, address);
        app.Use((context, next) =>
        {
            service.Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            return next(context);
        });
        routes(app);
        await app.StartAsync();
        return service;
    }

    /// <summary>True when some request's path and query start with <paramref name="prefix"/>.</summary>
    public bool WasAsked(string prefix) => Requests.Any(r => r.StartsWith(prefix, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
