using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Metadata.Tests.Faults;

/// <summary>
/// YouTube misbehaving the ways real upstreams do — 5xx, 429, no answer, a body cut short — in
/// front of the real metadata service: what is safe to retry is retried, a failing upstream trips
/// the circuit so it is not hammered, and callers get a 502/503 problem naming the cause, never a 500.
/// The resilience budget is shortened through the same configuration an operator would use.
/// </summary>
public sealed class UpstreamFaultTests : IAsyncLifetime
{
    private const string VideoId = "dQw4w9WgXcQ";
    private static readonly string Fixtures = FixtureFiles.PathOf("YouTube");

    private LoopbackServer _youtube = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;
    private int _calls;

    /// <summary>What the fake does with the n-th player call (1-based); null answers normally.</summary>
    private Func<int, HttpContext, Task>? _fault;

    public async Task InitializeAsync()
    {
        _youtube = await LoopbackServer.StartAsync(routes =>
        {
            routes.MapPost("/youtubei/v1/player", context => AnswerAsync(context, $"player-{VideoId}.json"));
            routes.MapPost("/youtubei/v1/reel/reel_item_watch", context => AnswerAsync(context, $"reel-{VideoId}.json"));
        });
    }

    private void StartService(params (string Key, string Value)[] settings)
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Platforms:YouTube:BaseUrl", _youtube.Address.ToString());
            web.UseSetting("Resilience:InnerTubeClient:AttemptTimeout:Timeout", "00:00:01");
            web.UseSetting("Resilience:InnerTubeClient:TotalRequestTimeout:Timeout", "00:00:08");
            web.UseSetting("Resilience:InnerTubeClient:Retry:Delay", "00:00:00.050");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        _client = _factory.CreateClient();
    }

    private async Task AnswerAsync(HttpContext context, string fixture)
    {
        var call = Interlocked.Increment(ref _calls);
        if (_fault is { } fault)
        {
            await fault(call, context);
            if (context.Response.HasStarted || context.Response.StatusCode != StatusCodes.Status200OK)
            {
                return;
            }
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(FixtureTemplate.Apply(await File.ReadAllTextAsync(Path.Combine(Fixtures, fixture)), _youtube.Address));
    }

    [Fact]
    public async Task Transient_5xx_answers_are_retried_and_the_video_is_served()
    {
        // Only the extraction's player calls, not the microformat's WEB player call beside them.
        StartService(("Platforms:YouTube:MicroformatFromWeb", "false"));
        _fault = (call, context) =>
        {
            if (call <= 2)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            }
            return Task.CompletedTask;
        };

        using var response = await _client.GetAsync($"/api/v2/videos/youtube/{VideoId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(VideoId, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        // Two refused attempts and the retry that succeeded; the muxed-format client needs a PO
        // token, and none is configured.
        Assert.Equal(3, _calls);
    }

    [Fact]
    public async Task A_throttling_upstream_is_surfaced_as_upstream_throttled_with_retry_after()
    {
        StartService();
        _fault = (_, context) =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Task.CompletedTask;
        };

        using var response = await _client.GetAsync($"/api/v2/videos/youtube/{VideoId}");

        await AssertProblemAsync(response, "upstream_throttled");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.InRange(_calls, 2, 4 * 3);
    }

    [Fact]
    public async Task An_upstream_that_never_answers_times_out_into_upstream_unavailable()
    {
        StartService();
        _fault = (_, context) => Task.Delay(Timeout.Infinite, context.RequestAborted);

        using var response = await _client.GetAsync($"/api/v2/videos/youtube/{VideoId}");

        await AssertProblemAsync(response, "upstream_unavailable");
    }

    [Fact]
    public async Task A_body_cut_short_is_upstream_unavailable_not_a_server_error()
    {
        StartService(("Resilience:InnerTubeClient:Retry:MaxRetryAttempts", "1"));
        _fault = async (_, context) =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 50_000;
            await context.Response.WriteAsync("""{"playabilityStatus":{"status":"OK"},"streamingData":{"adaptiveFormats":[{"itag":""");
            await context.Response.Body.FlushAsync();
            context.Abort();
        };

        using var response = await _client.GetAsync($"/api/v2/videos/youtube/{VideoId}");

        await AssertProblemAsync(response, "upstream_unavailable");
    }

    [Fact]
    public async Task A_connection_reset_while_the_body_is_read_is_upstream_unavailable_not_a_server_error()
    {
        // A reset after the headers surfaces as a bare IOException, not the HttpRequestException of
        // a reset before them; over a real socket that is rare and a matter of timing, so it is made
        // certain here by the transport itself.
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Platforms:YouTube:BaseUrl", _youtube.Address.ToString());
            web.UseSetting("Resilience:InnerTubeClient:Retry:Delay", "00:00:00.050");
            web.ConfigureTestServices(services => services.ConfigureHttpClientDefaults(http =>
                http.ConfigurePrimaryHttpMessageHandler(() => new ResetWhileBodyIsRead())));
        });
        _client = _factory.CreateClient();

        using var response = await _client.GetAsync($"/api/v2/videos/youtube/{VideoId}");

        await AssertProblemAsync(response, "upstream_unavailable");
    }

    [Fact]
    public async Task A_failing_upstream_trips_the_circuit_then_is_used_again_once_it_recovers()
    {
        StartService(
            ("Resilience:InnerTubeClient:CircuitBreaker:MinimumThroughput", "4"),
            ("Resilience:InnerTubeClient:CircuitBreaker:FailureRatio", "0.5"),
            ("Resilience:InnerTubeClient:CircuitBreaker:SamplingDuration", "00:00:30"),
            ("Resilience:InnerTubeClient:CircuitBreaker:BreakDuration", "00:00:03"));
        _fault = (_, context) =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        };

        using (var first = await _client.GetAsync($"/api/v2/videos/youtube/{VideoId}"))
        {
            await AssertProblemAsync(first, "upstream_unavailable");
        }
        var callsWhenOpen = _calls;
        using (var second = await _client.GetAsync($"/api/v2/videos/youtube/{VideoId}"))
        {
            await AssertProblemAsync(second, "upstream_unavailable");
        }
        // While the circuit is open, the upstream is left alone.
        Assert.Equal(callsWhenOpen, _calls);

        _fault = null;
        await Wait.UntilAsync("the circuit to close again and the video to be answered", async cancellationToken =>
        {
            using var retry = await _client.GetAsync($"/api/v2/videos/youtube/{VideoId}", cancellationToken);
            return retry.StatusCode;
        }, status => status == HttpStatusCode.OK);
    }

    // 502 when the upstream answered wrongly, 503 when calls to it are paused, 504 when it did not answer in time.
    private static Task AssertProblemAsync(HttpResponseMessage response, string code) =>
        ProblemAssert.HasCodeAsync(response, code, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout);

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await _youtube.DisposeAsync();
    }

    /// <summary>Answers every request with headers and the start of a body, then the error a reset connection gives a reader.</summary>
    private sealed class ResetWhileBodyIsRead : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var pipe = new Pipe();
            await pipe.Writer.WriteAsync("""{"playabilityStatus":{"status":"OK"},"streamingData":{"""u8.ToArray(), cancellationToken);
            await pipe.Writer.CompleteAsync(new IOException("Unable to read data from the transport connection: Connection reset by peer.",
                new SocketException((int)SocketError.ConnectionReset)));
            var content = new StreamContent(pipe.Reader.AsStream());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Headers.ContentLength = 50_000;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }
    }
}
