using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Streaming.Tests.Copy;

/// <summary>
/// Media hosts that misbehave in the middle of a body, on loopback: one that sends the first
/// <see cref="FirstBytes"/> of a longer file and then nothing (<c>/stall/{id}</c>), one that sends
/// nothing after its headers (<c>/silent/{id}</c>), one that sends endlessly until its client goes
/// away (<c>/endless/{id}</c>), and a raw server whose connection ends after <see cref="FirstBytes"/>
/// of a declared <see cref="DeclaredLength"/>, or after one chunk of a chunked body with no end
/// (<see cref="Raw"/>). Each
/// request's end is recorded, so that a test can tell its upstream connection was released. The
/// bodies are invented filler bytes.
/// </summary>
public sealed class BrokenUpstreams : IAsyncLifetime
{
    public const int FirstBytes = 64 * 1024;
    public const int DeclaredLength = 1024 * 1024;

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _released = new();

    public LoopbackServer Cdn { get; private set; } = null!;
    public RawHttpServer Raw { get; private set; } = null!;
    public LoopbackServer Metadata { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cdn = await LoopbackServer.StartAsync(routes =>
        {
            routes.MapGet("/stall/{id}", (string id, HttpContext context) => HoldAsync(id, context, FirstBytes));
            routes.MapGet("/silent/{id}", (string id, HttpContext context) => HoldAsync(id, context, 0));
            routes.MapGet("/endless/{id}", EndlessAsync);
        });
        var filler = new string('v', FirstBytes);
        Raw = RawHttpServer.Start(requestLine => requestLine.Contains(" /cutchunk", StringComparison.Ordinal)
            ? $"HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{FirstBytes:x}\r\n{filler}\r\n"
            : $"HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: {DeclaredLength}\r\nConnection: close\r\n\r\n{filler}");
        Metadata = await LoopbackServer.StartAsync(routes => routes.MapGet("/api/v2/videos/{platform}/{id}/formats", (string id) =>
            Results.Json(Formats(id), ContractJson.Options)));
    }

    /// <summary>Where a video's one format is: its id says which misbehaviour (<c>stall…</c>, <c>silent…</c>, <c>endless…</c>, <c>broken…</c>, <c>cutchunk…</c>).</summary>
    private FormatList Formats(string id)
    {
        var url = id.StartsWith("broken", StringComparison.Ordinal) || id.StartsWith("cutchunk", StringComparison.Ordinal)
            ? new Uri(Raw.Address, $"/{id}.mp4")
            : new Uri(Cdn.Address, $"/{new[] { "stall", "silent", "endless" }.First(kind => id.StartsWith(kind, StringComparison.Ordinal))}/{id}");
        return ProgressiveVideo.Formats(id, url.ToString(), "Broken upstream");
    }

    /// <summary>Completes when the upstream request for video <paramref name="id"/> has ended (its client, the service, went away).</summary>
    public Task Released(string id) => _released.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private async Task HoldAsync(string id, HttpContext context, int send)
    {
        context.Response.ContentType = "video/mp4";
        context.Response.ContentLength = DeclaredLength;
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.WriteAsync(new byte[send], context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            _released.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    private async Task EndlessAsync(string id, HttpContext context)
    {
        context.Response.ContentType = "video/mp4";
        context.Response.ContentLength = long.MaxValue / 2;
        var chunk = new byte[16 * 1024];
        try
        {
            while (true)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(5, context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            _released.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    /// <summary>A streaming instance of its own (its own metrics) in front of these upstreams, on real Kestrel.</summary>
    public StreamingInstance StartStreaming(TimeSpan bodyIdleTimeout)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("services:metadata:http:0", Metadata.Address.ToString())
            .UseSetting("Streaming:AllowedMediaHosts:0", Cdn.Address.Authority)
            .UseSetting("Streaming:AllowedMediaHosts:1", Raw.Address.Authority)
            .UseSetting("Streaming:AllowPrivateAddresses", "true")
            .UseSetting("Streaming:UpstreamChunkBytes", "0")
            .UseSetting("Streaming:BodyIdleTimeout", bodyIdleTimeout.ToString("c", CultureInfo.InvariantCulture))
            .UseSetting("Downloads:Directory", Path.Combine(Path.GetTempPath(), $"copy-downloads-{Guid.NewGuid():N}")));
        return StreamingInstance.Start(factory);
    }

    public async Task DisposeAsync()
    {
        await Cdn.DisposeAsync();
        await Raw.DisposeAsync();
        await Metadata.DisposeAsync();
    }
}
