using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace VideoPlatform.Legacy.Tests;

public sealed class LegacyHealthTests : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly WebApplicationFactory<Program> _factory;

    public LegacyHealthTests(WebApplicationFactory<Program> factory) =>
        // Point both dependencies at a port nothing listens on.
        _factory = factory.WithWebHostBuilder(web => web
            .UseSetting("services:metadata:http:0", "http://127.0.0.1:1")
            .UseSetting("services:streaming:http:0", "http://127.0.0.1:1"));

    [Fact]
    public async Task Api_health_is_503_and_names_each_unreachable_dependency()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", body.GetProperty("services").GetProperty("metadata").GetProperty("status").GetString());
        Assert.Equal("Unhealthy", body.GetProperty("services").GetProperty("streaming").GetProperty("status").GetString());
    }
}
