using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using VideoPlatform.Streaming.Metrics;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Streaming.Tests.Copy;

/// <summary>
/// The proxy's body copy when upstream or client misbehave after the headers: each test starts a
/// streaming instance of its own, so that what its metrics count is its own doing.
/// </summary>
public sealed class BodyCopyTests(BrokenUpstreams upstreams) : IClassFixture<BrokenUpstreams>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static MetricCollector<long> Interruptions(StreamingInstance service) =>
        new(service.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), StreamMetricsCollector.MeterName, "streaming.proxy.interrupted");

    private static long Counted(MetricCollector<long> collector, string side, string reason) =>
        collector.GetMeasurementSnapshot().Where(m => (string?)m.Tags["side"] == side && (string?)m.Tags["reason"] == reason).Sum(m => m.Value);

    private static string NewId(string kind) => kind + Guid.NewGuid().ToString("N")[..(11 - kind.Length)];

    /// <summary>Reads a body to its end or until the connection fails; the bytes that arrived, and whether it failed.</summary>
    private static async Task<(long Received, bool Failed)> DrainAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long received = 0;
        try
        {
            for (int read; (read = await body.ReadAsync(buffer)) > 0;)
            {
                received += read;
            }
            return (received, false);
        }
        catch (HttpRequestException)
        {
            return (received, true);
        }
        catch (IOException)
        {
            return (received, true);
        }
    }

    [Fact]
    public async Task An_upstream_that_stalls_mid_body_ends_the_response_after_the_idle_timeout_and_is_counted()
    {
        var idle = TimeSpan.FromSeconds(1);
        await using var service = upstreams.StartStreaming(idle);
        using var interruptions = Interruptions(service);
        var id = NewId("stall");

        using var response = await service.Client.GetAsync($"/api/v2/stream/proxy/youtube/{id}", HttpCompletionOption.ResponseHeadersRead);
        var started = Stopwatch.GetTimestamp();
        var (received, failed) = await DrainAsync(response).WaitAsync(Deadline);
        var waited = Stopwatch.GetElapsedTime(started);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(BrokenUpstreams.DeclaredLength, response.Content.Headers.ContentLength);
        Assert.True(failed, "a body cut short must end in an error, not look whole");
        Assert.Equal(BrokenUpstreams.FirstBytes, received);
        Assert.InRange(waited, idle * 0.8, Deadline);
        await upstreams.Released(id).WaitAsync(Deadline);
        await interruptions.WaitForMeasurementsAsync(1, Deadline);
        Assert.Equal(1, Counted(interruptions, "upstream", "idle"));
    }

    [Fact]
    public async Task An_upstream_silent_before_any_byte_is_a_502_problem_after_the_idle_timeout()
    {
        await using var service = upstreams.StartStreaming(TimeSpan.FromSeconds(1));
        using var interruptions = Interruptions(service);
        var id = NewId("silent");

        using var response = await service.Client.GetAsync($"/api/v2/stream/proxy/youtube/{id}").WaitAsync(Deadline);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("upstream_unavailable", await response.Content.ReadAsStringAsync());
        await upstreams.Released(id).WaitAsync(Deadline);
        Assert.Equal(1, Counted(interruptions, "upstream", "idle"));
    }

    [Theory]
    [InlineData("broken")]
    [InlineData("cutchunk")]
    public async Task An_upstream_that_breaks_mid_body_ends_the_clients_connection_and_is_counted_as_upstream(string kind)
    {
        await using var service = upstreams.StartStreaming(TimeSpan.FromSeconds(30));
        using var interruptions = Interruptions(service);

        using var response = await service.Client.GetAsync($"/api/v2/stream/proxy/youtube/{NewId(kind)}", HttpCompletionOption.ResponseHeadersRead);
        var (received, failed) = await DrainAsync(response).WaitAsync(Deadline);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(failed, "a body cut short must end in an error, not look whole");
        // With a length, every byte upstream sent arrives before the end; a chunked body can only be aborted.
        Assert.InRange(received, kind == "broken" ? BrokenUpstreams.FirstBytes : 0, BrokenUpstreams.FirstBytes);
        await interruptions.WaitForMeasurementsAsync(1, Deadline);
        Assert.Equal(1, Counted(interruptions, "upstream", "error"));
        Assert.Equal(0, Counted(interruptions, "client", "left") + Counted(interruptions, "client", "error"));
    }

    [Fact]
    public async Task A_client_that_goes_away_is_counted_as_client_side_and_the_upstream_is_released()
    {
        await using var service = upstreams.StartStreaming(TimeSpan.FromSeconds(30));
        using var interruptions = Interruptions(service);
        var id = NewId("endless");

        using (var response = await service.Client.GetAsync($"/api/v2/stream/proxy/youtube/{id}", HttpCompletionOption.ResponseHeadersRead))
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            await body.ReadExactlyAsync(new byte[256 * 1024]).AsTask().WaitAsync(Deadline);
        }

        await upstreams.Released(id).WaitAsync(Deadline);
        await interruptions.WaitForMeasurementsAsync(1, Deadline);
        Assert.Equal(1, Counted(interruptions, "client", "left") + Counted(interruptions, "client", "error"));
        Assert.Equal(0, Counted(interruptions, "upstream", "error") + Counted(interruptions, "upstream", "idle"));
    }

    /// <summary>
    /// Measured with the service's own gauge of copy buffers held (<c>streaming.proxy.buffers_in_use</c>),
    /// which counts every rent and return of the copier's buffers: while the bytes flow each stream
    /// holds one; once all of them wait on a silent upstream, none may.
    /// </summary>
    [Fact]
    public async Task Many_streams_waiting_on_a_silent_upstream_hold_no_copy_buffer()
    {
        const int Streams = 40;
        await using var service = upstreams.StartStreaming(TimeSpan.FromMinutes(5));
        using var buffers = new MetricCollector<long>(service.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            StreamMetricsCollector.MeterName, "streaming.proxy.buffers_in_use");
        using var active = new MetricCollector<long>(service.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            StreamMetricsCollector.MeterName, "streaming.active_streams");

        var responses = await Task.WhenAll(Enumerable.Range(0, Streams).Select(async _ =>
        {
            var response = await service.Client.GetAsync($"/api/v2/stream/proxy/youtube/{NewId("stall")}", HttpCompletionOption.ResponseHeadersRead);
            var body = await response.Content.ReadAsStreamAsync();
            // Every byte upstream sent has gone through the copy: it now waits for more.
            await body.ReadExactlyAsync(new byte[BrokenUpstreams.FirstBytes]);
            return (response, body);
        })).WaitAsync(Deadline);
        try
        {
            // The last copy may still be between its write and its next wait for a moment.
            var held = await Wait.UntilAsync("the copies to hold no buffer", _ =>
            {
                buffers.RecordObservableInstruments();
                return Task.FromResult(buffers.LastMeasurement!.Value);
            }, bytes => bytes == 0, Deadline);

            Assert.Equal(Streams, active.GetMeasurementSnapshot().Sum(m => m.Value));
            Assert.Equal(0, held);
        }
        finally
        {
            foreach (var (response, body) in responses)
            {
                await body.DisposeAsync();
                response.Dispose();
            }
        }
    }
}
