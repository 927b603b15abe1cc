using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Aspire.Hosting.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.Dashboard;

/// <summary>
/// The AppHost's own dashboard (the Aspire dashboard cannot be had here): resources with state,
/// health, endpoints, pids, start time and restarts, updated live over server-sent events, with
/// stop/start/restart buttons; each resource's console log, live, searchable, bounded; and the
/// structured logs, traces and metrics the services send to the AppHost over OTLP.
/// Plain HTML and a little JavaScript; no build step, no CDN.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<DashboardServer> StartAsync(DistributedApplication application, string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();

        app.MapGet("/", () => Results.Content(Pages.Resources(application.Resources.Select(r => r.Name)), "text/html; charset=utf-8"));
        app.MapGet("/logs/{name}", (string name) => application.ResourceNotifications.TryGetCurrentState(name, out _)
            ? Results.Content(Pages.Logs(name), "text/html; charset=utf-8")
            : Results.NotFound());
        app.MapTelemetryPages(application);
        app.MapGet("/api/resources", () => Results.Json(application.ResourceNotifications.Snapshots.Select(View)));
        app.MapGet("/api/resources/stream", (HttpContext context) => StreamResourcesAsync(application, context));
        app.MapGet("/api/logs/{name}/stream", (string name, HttpContext context) => StreamLogsAsync(application, name, context));
        app.MapPost("/api/resources/{name}/{command}", async (string name, string command) =>
        {
            if (!application.ResourceNotifications.TryGetCurrentState(name, out _))
            {
                return Results.NotFound();
            }
            switch (command)
            {
                case "stop":
                    await application.StopResourceAsync(name);
                    break;
                case "start":
                    application.StartResource(name);
                    break;
                case "restart":
                    await application.RestartResourceAsync(name);
                    break;
                default:
                    return Results.BadRequest();
            }
            return Results.NoContent();
        });

        await app.StartAsync();
        return new DashboardServer(app, new Uri(app.Urls.First()));
    }

    private static object View(ResourceSnapshot s) => new
    {
        name = s.Name,
        type = s.ResourceType,
        state = s.State,
        health = s.Health?.ToString(),
        health_description = s.HealthDescription,
        urls = s.Urls,
        connection_string = s.ConnectionString,
        pids = s.ProcessIds,
        started_at = s.StartedAt,
        restarts = s.Restarts,
        exit_code = s.ExitCode,
        message = s.Message,
    };

    private static async Task StreamResourcesAsync(DistributedApplication application, HttpContext context)
    {
        SseHeaders(context);
        try
        {
            await foreach (var change in application.ResourceNotifications.WatchAsync(context.RequestAborted))
            {
                await WriteEventAsync(context, JsonSerializer.Serialize(View(change.Snapshot)));
            }
        }
        catch (OperationCanceledException)
        {
            // The browser went away.
        }
    }

    private static async Task StreamLogsAsync(DistributedApplication application, string name, HttpContext context)
    {
        SseHeaders(context);
        // Bounded: a chatty service drops its oldest lines for a slow browser rather than grow memory.
        var lines = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        void OnLine(LogLine line)
        {
            if (string.Equals(line.Resource, name, StringComparison.OrdinalIgnoreCase))
            {
                lines.Writer.TryWrite(line);
            }
        }
        application.ResourceLogs.LineWritten += OnLine;
        try
        {
            foreach (var line in application.ResourceLogs.Tail(name, 500))
            {
                await WriteEventAsync(context, JsonSerializer.Serialize(new { time = line.Timestamp, text = line.Text, error = line.IsError }));
            }
            await foreach (var line in lines.Reader.ReadAllAsync(context.RequestAborted))
            {
                await WriteEventAsync(context, JsonSerializer.Serialize(new { time = line.Timestamp, text = line.Text, error = line.IsError }));
            }
        }
        catch (OperationCanceledException)
        {
            // The browser went away.
        }
        finally
        {
            application.ResourceLogs.LineWritten -= OnLine;
        }
    }

    private static void SseHeaders(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
    }

    private static async Task WriteEventAsync(HttpContext context, string data)
    {
        await context.Response.WriteAsync($"data: {data}\n\n", Encoding.UTF8, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal static string Encode(string text) => WebUtility.HtmlEncode(text);
}
