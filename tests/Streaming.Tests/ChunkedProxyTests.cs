using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Streaming.Tests;

/// <summary>
/// Files of a chunked host (googlevideo.com in production, "localhost" in the fixture) fetched
/// from upstream in <see cref="StreamingFixture.UpstreamChunkBytes"/> ranges while streaming.
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class ChunkedProxyTests(StreamingFixture streaming)
{
    private const int Chunk = StreamingFixture.UpstreamChunkBytes;

    [Fact]
    public async Task A_whole_file_from_a_chunked_host_is_fetched_in_consecutive_ranges_and_arrives_byte_for_byte()
    {
        var before = streaming.Cdn.RangeRequests.Count;

        using var response = await streaming.Client.GetAsync("/api/v2/stream/proxy/youtube/chunked0001");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(streaming.Media.Length, response.Content.Headers.ContentLength);
        Assert.Null(response.Content.Headers.ContentRange);
        Assert.Equal(streaming.Media, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(ExpectedRanges(0, streaming.Media.Length - 1), UpstreamRanges(before));
    }

    [Theory]
    [InlineData("bytes=100000-", 100000, -1)]
    [InlineData("bytes=70000-200000", 70000, 200000)]
    public async Task A_large_range_from_a_chunked_host_is_fetched_in_chunks_and_answered_206(string range, int from, int to)
    {
        var last = to < 0 ? streaming.Media.Length - 1 : to;
        var before = streaming.Cdn.RangeRequests.Count;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/stream/proxy/youtube/chunked0001");
        request.Headers.TryAddWithoutValidation("Range", range);

        using var response = await streaming.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {from}-{last}/{streaming.Media.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(streaming.Media.AsSpan(from, last - from + 1).ToArray(), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(ExpectedRanges(from, last), UpstreamRanges(before));
    }

    [Fact]
    public async Task A_chunk_refused_in_the_middle_of_a_download_is_fetched_again_from_a_re_resolved_url()
    {
        // The formats held first, so that what metadata is asked afterwards is the re-resolve alone.
        using (var warm = new HttpRequestMessage(HttpMethod.Get, "/api/v2/stream/proxy/youtube/chunked0001") { Headers = { Range = new System.Net.Http.Headers.RangeHeaderValue(0, 99) } })
        {
            (await streaming.Client.SendAsync(warm)).EnsureSuccessStatusCode();
        }
        var asked = streaming.MetadataCalls.Count(c => c.Contains("chunked0001", StringComparison.Ordinal));
        var before = streaming.Cdn.RangeRequests.Count;
        streaming.Cdn.RefuseAfter("videoplayback", served: 2);

        using var response = await streaming.Client.GetAsync("/api/v2/stream/proxy/youtube/chunked0001");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(streaming.Media, await response.Content.ReadAsByteArrayAsync());
        // The third chunk was refused, asked again from the new URL, and the download went on from there.
        var expected = ExpectedRanges(0, streaming.Media.Length - 1);
        Assert.Equal([.. expected[..3], expected[2], .. expected[3..]], UpstreamRanges(before));
        Assert.Equal(asked + 1, streaming.MetadataCalls.Count(c => c.Contains("chunked0001", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_small_range_from_a_chunked_host_is_one_upstream_request_as_asked()
    {
        var before = streaming.Cdn.RangeRequests.Count;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/stream/proxy/youtube/chunked0001");
        request.Headers.TryAddWithoutValidation("Range", "bytes=1000-1999");

        using var response = await streaming.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(streaming.Media[1000..2000], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["bytes=1000-1999"], UpstreamRanges(before));
    }

    [Fact]
    public async Task An_unsatisfiable_range_from_a_chunked_host_is_416()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/stream/proxy/youtube/chunked0001");
        request.Headers.TryAddWithoutValidation("Range", $"bytes={streaming.Media.Length + 5}-");

        using var response = await streaming.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
    }

    [Fact]
    public async Task Ffmpeg_seeks_in_a_file_from_a_chunked_host()
    {
        var url = new Uri(streaming.Address, "/api/v2/stream/proxy/youtube/chunked0001").ToString();

        await TestSupport.Media.MediaFiles.RunAsync("ffmpeg", ["-v", "error", "-ss", "4", "-i", url, "-t", "1", "-f", "null", "-"]);
    }

    [Fact]
    public async Task A_client_that_leaves_mid_way_cancels_the_chunk_in_flight_and_no_later_chunk_is_fetched()
    {
        var before = streaming.Cdn.RangeRequests.Count;
        // A player that leaves closes its connection; HttpClient would otherwise read the rest to reuse it.
        using var player = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = streaming.Address };
        using (var response = await player.GetAsync("/api/v2/stream/proxy/youtube/chunkedslow1", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(streaming.Media.Length, response.Content.Headers.ContentLength);
            await using var body = await response.Content.ReadAsStreamAsync();
            Assert.True(await body.ReadAsync(new byte[4096]) > 0);
        }

        await streaming.Cdn.TrickleAborted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Once the stream is closed the proxy's loop is over: whatever chunks it asked for are all it ever will.
        await Wait.UntilAsync("no stream to be active", async cancellationToken =>
            (await streaming.Client.GetFromJsonAsync<StreamMetricsResponse>("/api/v2/stream/metrics", ContractJson.Options, cancellationToken))!.Data.ActiveStreams == 0);
        var asked = UpstreamRanges(before);
        Assert.NotEmpty(asked);
        Assert.True(asked.Count < ExpectedRanges(0, streaming.Media.Length - 1).Count, $"all {asked.Count} chunks were fetched");
        Assert.Equal(ExpectedRanges(0, streaming.Media.Length - 1).Take(asked.Count), asked);
    }

    private List<string?> UpstreamRanges(int before) => streaming.Cdn.RangeRequests.Skip(before).Select(r => r.Range).ToList();

    private static List<string?> ExpectedRanges(long from, long last)
    {
        var ranges = new List<string?>();
        for (var at = from; at <= last; at += Chunk)
        {
            ranges.Add(string.Create(CultureInfo.InvariantCulture, $"bytes={at}-{Math.Min(at + Chunk - 1, last)}"));
        }
        return ranges;
    }
}
