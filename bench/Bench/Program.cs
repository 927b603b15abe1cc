using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using VideoPlatform.Bench;
using VideoPlatform.TestSupport.Media;
using VideoPlatform.TestSupport.YouTube;

// Baseline process mode: serve fixed bytes (or a redirect) on a port.
if (args is ["--serve-bytes", var file, var contentType, var port])
{
    await BareKestrel.ServeAsync(file, contentType, int.Parse(port));
    return 0;
}

// Baseline process mode: a bare forwarder (YARP's, or HttpClient as the streaming proxy copies) in front of the fake CDN.
if (args is ["--forward", var kind, var upstream, var forwardPort])
{
    await BareForwarder.ServeAsync(kind, upstream, int.Parse(forwardPort));
    return 0;
}

var options = BenchOptions.Parse(args);
var report = new BenchReport(options);
Console.WriteLine($"Benchmarks: {options.Duration.TotalSeconds:0} s per run, {options.Connections} connections. Machine: {Machine.Describe()}");

// The media file the CDN serves: 1 GiB, sparse, so that making it costs nothing.
var media = Path.Combine(Path.GetTempPath(), "bench-media-1g.mp4");
const long MediaBytes = 1L << 30;
await using (var sparse = File.Create(media))
{
    sparse.SetLength(MediaBytes);
}

await using var cdn = await FakeCdn.StartAsync();
cdn.Add("videoplayback", media);
await using var nginx = await Nginx.StartAsync(cdn.Address);
await using var youtube = await FakeYouTube.StartAsync(cdn.Address);
// As YouTube answers in 2026: the first client (VISIONOS) gives adaptive formats only, the muxed
// itag 18 comes from the reel call, whose media need a PO token: an operator who wants players
// served runs a provider, so the bench does too.
youtube.AnyIdLike = "dQw4w9WgXcQ";
await using var poTokens = await FakePoTokenProvider.StartAsync();
await using var platform = await Platform.StartAsync(builder =>
{
    builder.CreateResourceBuilder<ProjectResource>("metadata")
        .WithEnvironment("Platforms__YouTube__BaseUrl", youtube.BaseUrl.ToString())
        .WithEnvironment("Platforms__YouTube__PoToken__ProviderUrl", poTokens.BaseUrl.ToString());
    var streaming = builder.CreateResourceBuilder<ProjectResource>("streaming")
        .WithEnvironment("Streaming__AllowedMediaHosts__0", "127.0.0.1")
        .WithEnvironment("Streaming__AllowPrivateAddresses", "true");
    if (options.Chunked)
    {
        // The fake CDN treated as googlevideo is: fetched in 10 MiB ranges.
        streaming.WithEnvironment("Streaming__ChunkedMediaHosts__0", "127.0.0.1");
    }
});
var context = new BenchContext(platform, youtube, nginx, cdn.Address, MediaBytes);

foreach (var scenario in Scenarios.All.Where(s => options.Includes(s.Name)))
{
    Console.WriteLine($"== {scenario.Name}");
    try
    {
        foreach (var row in await scenario.RunAsync(context, options))
        {
            Console.WriteLine($"   {row}");
            report.Add(scenario, row);
        }
    }
    catch (Exception ex)
    {
        Console.WriteLine($"   failed: {ex.Message}");
        report.Fail(scenario, ex.Message);
    }
}

File.Delete(media);
var written = report.Write();
Console.WriteLine($"Wrote {written}");
return report.AllTargetsMet ? 0 : 1;
