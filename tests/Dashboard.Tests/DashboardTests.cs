using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Dashboard.Tests;

/// <summary>
/// The Aspire dashboard of the running composition, in a real headless Chromium: what a user
/// opening the login URL sees, and a request through legacy followed across the services.
/// </summary>
public sealed class DashboardTests(DashboardComposition composition) : IClassFixture<DashboardComposition>
{
    private static readonly string[] Resources = ["cache", "metadata", "streaming", "legacy"];

    [Fact]
    public async Task The_resources_page_shows_the_four_resources_running_and_healthy()
    {
        var page = await composition.LoggedInPageAsync();
        await page.GotoAsync(new Uri(composition.Dashboard, "/").ToString());

        // One row per resource ("Project: legacy Running 8:03:05 AM …"), each Running; an
        // unhealthy one would read "Running (Unhealthy)".
        foreach (var name in Resources)
        {
            var row = page.GetByRole(AriaRole.Row, new PageGetByRoleOptions { NameRegex = new Regex($"^[A-Za-z]+: {name} Running [0-9]") });
            await Assertions.Expect(row).ToHaveCountAsync(1);
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new PageGetByRoleOptions { NameRegex = new Regex("Unhealthy|Waiting|Starting") })).ToHaveCountAsync(0);
        foreach (var name in Resources)
        {
            Assert.True(composition.App.ResourceNotifications.TryGetCurrentState(name, out var state));
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, state.Snapshot.HealthStatus);
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardComposition.Screenshots, "resources.png") });
    }

    [Fact]
    public async Task A_request_through_legacy_is_one_trace_across_legacy_streaming_metadata_and_redis()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var legacy = new HttpClient { BaseAddress = composition.App.GetEndpoint("legacy") };
        // Legacy forwards the old proxy route to streaming, which asks metadata, which asks Redis.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/stream/proxy/youtube/dQw4w9WgXcQ?quality=720p");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await legacy.SendAsync(request);
        await response.Content.CopyToAsync(Stream.Null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The services export every second or so: wait until all of their spans have arrived.
        using var api = composition.TelemetryApi();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var seen = new List<Span>();
        var spans = await Wait.UntilAsync(async () =>
        {
            using var answer = await api.GetAsync($"/api/telemetry/traces/{traceId}", timeout.Token);
            if (answer.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var found = Spans(JsonDocument.Parse(await answer.Content.ReadAsStringAsync(timeout.Token)).RootElement);
            seen = found;
            return new[] { "legacy", "streaming", "metadata" }.All(s => found.Any(f => f.Service == s)) && found.Any(f => f.IsRedis) ? found : null;
        }, timeout.Token).WaitAsync(TimeSpan.FromSeconds(50)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result
            : throw new Xunit.Sdk.XunitException("Not one trace across the services; seen: " + string.Join("; ", seen)));

        Assert.All(spans, s => Assert.Equal(traceId, s.TraceId));
        Assert.Contains(spans, s => s.Service == "metadata" && s.IsRedis);

        var page = await composition.LoggedInPageAsync();
        await page.GotoAsync(new Uri(composition.Dashboard, "/traces").ToString());
        await Assertions.Expect(page.GetByText("legacy:", new PageGetByTextOptions { Exact = false }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardComposition.Screenshots, "traces.png") });
        await page.GotoAsync(new Uri(composition.Dashboard, $"/traces/detail/{traceId}").ToString());
        foreach (var service in new[] { "legacy", "streaming", "metadata" })
        {
            await Assertions.Expect(page.GetByText(service, new PageGetByTextOptions { Exact = true }).First).ToBeVisibleAsync();
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardComposition.Screenshots, "trace.png"), FullPage = true });
    }

    private sealed record Span(string Service, string TraceId, string Name, bool IsRedis);

    /// <summary>The spans of an OTLP JSON answer, each with the service that sent it.</summary>
    private static List<Span> Spans(JsonElement root)
    {
        var data = root.TryGetProperty("data", out var inner) ? inner : root;
        var spans = new List<Span>();
        foreach (var resourceSpans in data.GetProperty("resourceSpans").EnumerateArray())
        {
            var service = Attribute(resourceSpans.GetProperty("resource"), "service.name") ?? "";
            foreach (var scope in resourceSpans.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    var redis = (Attribute(span, "db.system.name") ?? Attribute(span, "db.system")) == "redis";
                    spans.Add(new Span(service, span.GetProperty("traceId").GetString()!, span.GetProperty("name").GetString()!, redis));
                }
            }
        }
        return spans;
    }

    private static string? Attribute(JsonElement owner, string key) =>
        owner.TryGetProperty("attributes", out var attributes)
            ? attributes.EnumerateArray().Where(a => a.GetProperty("key").GetString() == key)
                .Select(a => a.GetProperty("value").TryGetProperty("stringValue", out var v) ? v.GetString() : null)
                .FirstOrDefault()
            : null;
}
