using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using VideoPlatform.TestSupport;

namespace VideoPlatform.ServiceDefaults.Tests;

/// <summary>A minimal service with the service defaults, on real Kestrel on a loopback port.</summary>
internal sealed class TestService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestService(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the service with <paramref name="settings"/>. <paramref name="configure"/> adds to the
    /// builder after the service defaults; <paramref name="map"/> maps the test's own routes in place
    /// of the echo routes the security tests use.
    /// </summary>
    public static async Task<TestService> StartAsync(IDictionary<string, string?>? settings = null, string environment = "Production",
        Action<WebApplication>? map = null, Action<WebApplicationBuilder>? configure = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddServiceDefaults();
        builder.AddOptionalRedisClient("cache");
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        (map ?? MapEchoRoutes)(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new TestService(app, new Uri($"http://127.0.0.1:{port}"));
    }

    private static void MapEchoRoutes(WebApplication app)
    {
        app.MapGet("/echo", (HttpContext context) => new
        {
            client_ip = context.Connection.RemoteIpAddress?.ToString(),
            api_key = context.Request.Headers["X-API-Key"].ToString(),
            client_address = context.Request.Headers["X-Client-Address"].ToString(),
        });
        app.MapGet("/relay-echo", async (string service, IHttpClientFactory clients) =>
            Results.Content(await clients.CreateClient().GetStringAsync($"https+http://{service}/echo"), "application/json"));
        app.MapPost("/echo", async (HttpRequest request) =>
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer)) > 0)
            {
                total += read;
            }
            return new { bytes = total };
        });
        app.MapGet("/call-down", async (IHttpClientFactory clients) =>
            await clients.CreateClient().GetStringAsync("https+http://down/anything"));
        app.MapGet("/api/v2/stream/embed/x", () => Results.Content("<video></video>", "text/html"));
        app.MapGet("/flag", (bool? on, int? count) => new { on, count });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
