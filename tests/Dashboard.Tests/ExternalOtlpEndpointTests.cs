using System.Net;
using Aspire.Hosting.Telemetry;

namespace VideoPlatform.Dashboard.Tests;

/// <summary>
/// An OTLP endpoint given to the AppHost (a collector, the standalone Aspire dashboard) is where
/// the services send their telemetry; the dashboard's own receiver stays off.
/// </summary>
public sealed class ExternalOtlpEndpointTests : IAsyncLifetime
{
    private readonly TelemetryStore _collected = new(new TelemetryLimits());
    private OtlpReceiver _collector = null!;
    private DistributedApplication _app = null!;

    public async Task InitializeAsync()
    {
        // Any OTLP/gRPC collector will do; the AppHost's receiver, started on its own, is one.
        _collector = await OtlpReceiver.StartAsync(_collected);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>(configuration:
        [
            new("AppHost:NoDashboard", "false"),
            new("AppHost:DashboardUrl", $"http://127.0.0.1:{VideoPlatform.TestSupport.FreePort.Next()}"),
            new("OTEL_EXPORTER_OTLP_ENDPOINT", _collector.Endpoint.ToString()),
        ]);
        _app = await builder.BuildAsync();
        await _app.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("legacy", timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task Telemetry_goes_to_the_endpoint_given_to_the_apphost_and_not_to_the_dashboard()
    {
        Assert.Null(_app.OtlpEndpoint);
        using var client = new HttpClient { BaseAddress = _app.GetEndpoint("legacy") };
        using var arrived = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = arrived.Token.Register(() => signal.TrySetCanceled());
        _collected.Changed += () =>
        {
            if (_collected.Traces("legacy").Any(t => t.RootName == "GET /api/platforms"))
            {
                signal.TrySetResult();
            }
        };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/platforms")).StatusCode);

        await signal.Task;
        Assert.Empty(_app.Telemetry.Resources);
    }

    [Fact]
    public void An_endpoint_given_to_the_apphost_keeps_the_exporters_own_timeout()
    {
        // It may be far away: the short timeout is only for the dashboard's loopback receiver.
        Assert.True(_app.ResourceNotifications.TryGetCurrentState("metadata", out var metadata));
        var environment = ProcessEnvironment.Of(Assert.Single(metadata.ProcessIds));
        Assert.Equal(_collector.Endpoint.ToString(), environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.False(environment.ContainsKey("OTEL_EXPORTER_OTLP_TIMEOUT"));
    }
}
