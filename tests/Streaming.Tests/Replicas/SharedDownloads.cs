using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Metrics;
using VideoPlatform.TestSupport;
using VideoPlatform.TestSupport.Media;

namespace VideoPlatform.Streaming.Tests.Replicas;

/// <summary>
/// What streaming replicas share in a deployment: one real <c>redis-server</c>, one download
/// directory (the shared volume) and one token key; plus a fake metadata service and a CDN on
/// loopback whose files (a real MP4 made with ffmpeg) can be held back until a test lets them go.
/// Every download job's entry into <c>running</c> is recorded with the replica that ran it.
/// </summary>
public sealed class SharedDownloads : IAsyncLifetime
{
    private readonly RedisServerFixture _redis = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly ConcurrentQueue<object?> _runs = new();
    private readonly MeterListener _listener = new();
    private string _media = null!;

    public LoopbackServer Cdn { get; private set; } = null!;
    public LoopbackServer Metadata { get; private set; } = null!;
    public ConnectionMultiplexer Redis { get; private set; } = null!;
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"replica-downloads-{Guid.NewGuid():N}");

    /// <summary>Requests for each video's file that reached the CDN, by video id.</summary>
    public ConcurrentDictionary<string, int> FileRequests { get; } = new();

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        Redis = await ConnectionMultiplexer.ConnectAsync($"{_redis.ConnectionString},allowAdmin=true");
        _media = await MediaFiles.ProgressiveMp4Async();
        Cdn = await LoopbackServer.StartAsync(routes => routes.MapGet("/file/{id}", async (string id, HttpContext context) =>
        {
            FileRequests.AddOrUpdate(id, 1, (_, n) => n + 1);
            if (_gates.TryGetValue(id, out var gate))
            {
                await gate.Task.WaitAsync(context.RequestAborted);
            }
            return Results.File(_media, "video/mp4", enableRangeProcessing: true);
        }));
        Metadata = await LoopbackServer.StartAsync(routes =>
        {
            routes.MapGet("/api/v2/resolve", (string url) => Results.Json(new ResolvedUrl("youtube", "video", url[(url.LastIndexOf('/') + 1)..]), ContractJson.Options));
            routes.MapGet("/api/v2/videos/{platform}/{id}/formats", (string id) => Results.Json(ProgressiveVideo.Formats(id, new Uri(Cdn.Address, $"/file/{id}").ToString(), "Replica test"), ContractJson.Options));
        });
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == StreamMetricsCollector.MeterName && instrument.Name == "streaming.download_jobs")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "state", Value: DownloadStates.Running })
                {
                    _runs.Enqueue(instrument.Meter.Scope);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>A new video id whose file the CDN holds back until <see cref="Release"/> (when <paramref name="held"/>).</summary>
    public string Video(bool held = false)
    {
        var id = "r" + Guid.NewGuid().ToString("N")[..10];
        if (held)
        {
            _gates[id] = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        return id;
    }

    public void Release(string id) => _gates[id].TrySetResult();

    /// <summary>Jobs that entered <c>running</c> on <paramref name="replica"/>.</summary>
    public int RunsOn(StreamingInstance replica)
    {
        var scope = replica.Services.GetRequiredService<IMeterFactory>();
        return _runs.Count(s => ReferenceEquals(s, scope));
    }

    /// <summary>How many times Redis ran <paramref name="command"/> since it started (<c>INFO commandstats</c>).</summary>
    public async Task<long> CallsAsync(string command)
    {
        var info = await Redis.GetServers()[0].InfoRawAsync("commandstats");
        var line = (info ?? "").Split('\n').FirstOrDefault(l => l.StartsWith($"cmdstat_{command}:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split("calls=")[1].Split(',')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>A streaming replica on real Kestrel; <paramref name="settings"/> and <paramref name="time"/> are its own.</summary>
    public StreamingInstance StartReplica(IReadOnlyDictionary<string, string>? settings = null, TimeProvider? time = null)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("services:metadata:http:0", Metadata.Address.ToString())
                .UseSetting("ConnectionStrings:cache", _redis.ConnectionString)
                .UseSetting("Streaming:AllowedMediaHosts:0", Cdn.Address.Authority)
                .UseSetting("Streaming:AllowPrivateAddresses", "true")
                .UseSetting("Streaming:UpstreamChunkBytes", "0")
                .UseSetting("Streaming:TokenKey", "replicas-share-this-key")
                .UseSetting("Downloads:Directory", Directory);
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                web.UseSetting(key, value);
            }
            if (time is not null)
            {
                web.ConfigureTestServices(services => services.AddSingleton(time));
            }
        });
        return StreamingInstance.Start(factory);
    }

    public async Task DisposeAsync()
    {
        foreach (var gate in _gates.Values)
        {
            gate.TrySetResult();
        }
        _listener.Dispose();
        await Cdn.DisposeAsync();
        await Metadata.DisposeAsync();
        await Redis.DisposeAsync();
        await _redis.DisposeAsync();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
