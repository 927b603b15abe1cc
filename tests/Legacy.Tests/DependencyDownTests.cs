using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.Legacy.Tests.Fakes;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Legacy.Tests;

/// <summary>Metadata is up, streaming is down: player routes get short text, JSON routes problem details, both 503.</summary>
public sealed class DependencyDownTests : IAsyncLifetime
{
    private LoopbackServer _metadata = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _metadata = await LoopbackServer.StartAsync(FakeVideos.MapMetadata);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("services:metadata:http:0", _metadata.Origin)
            .UseSetting("services:streaming:http:0", $"http://127.0.0.1:{TestSupport.FreePort.Next()}"));
    }

    [Theory]
    [InlineData("/api/vrchat/stream?url=https://youtu.be/" + FakeVideos.Short)]
    [InlineData("/api/stream?url=https://youtu.be/" + FakeVideos.Short)]
    [InlineData("/api/v1/?yt=https://youtu.be/" + FakeVideos.Short)]
    [InlineData("/api/v2/stream/proxy/youtube/" + FakeVideos.Short)]
    public async Task A_player_route_answers_503_in_plain_text_naming_the_service(string path)
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("streaming service is unavailable", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_json_route_answers_503_with_problem_details()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/api/v2/stream/metrics");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("upstream_unavailable", body.GetProperty("code").GetString());
        Assert.Contains("streaming", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Api_health_names_the_dependency_that_is_down_and_the_one_that_is_up()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var services = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("services");
        Assert.Equal("Healthy", services.GetProperty("metadata").GetProperty("status").GetString());
        Assert.Equal("Unhealthy", services.GetProperty("streaming").GetProperty("status").GetString());
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _metadata.DisposeAsync();
    }
}
