using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace VideoPlatform.Streaming.Tests;

public sealed class StreamMetricsApiTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task Metrics_answer_with_the_seed_field_names()
    {
        using var client = factory.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>("/api/v2/stream/metrics");

        Assert.True(body.GetProperty("success").GetBoolean());
        var data = body.GetProperty("data");
        foreach (var field in new[] { "total_requests", "cache_hits", "cache_misses", "cache_hit_rate",
                                      "average_latency_ms", "total_bytes_served", "active_streams" })
        {
            Assert.True(data.TryGetProperty(field, out _), $"missing {field}");
        }
    }

    [Fact]
    public async Task Prometheus_scrape_endpoint_is_served()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/metrics");

        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
    }
}
